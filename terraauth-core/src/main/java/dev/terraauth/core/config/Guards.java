package dev.terraauth.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Guards over resolved configurations: copy-paste across environments, file modes, git. */
final class Guards {
  private final PathDisplay display;
  private final GitIgnoreCheck git;

  Guards(PathDisplay display, GitIgnoreCheck git) {
    this.display = display;
    this.git = git;
  }

  /**
   * The same API key or signing secret in two environments: an error unless one source feeds both.
   */
  List<Problem> sharedSecrets(EnvironmentReport report, Map<Environment, EnvironmentReport> all) {
    List<Problem> problems = new ArrayList<>();
    for (EnvironmentReport other : all.values()) {
      if (other.environment() == report.environment()) {
        continue;
      }
      Optional<ResolvedValue> key = report.value(Setting.API_KEY);
      Optional<ResolvedValue> otherKey = other.value(Setting.API_KEY);
      if (key.isPresent()
          && otherKey.isPresent()
          && key.get().value().matches(otherKey.get().value())) {
        problems.add(
            shared(
                "API key",
                report.environment(),
                key.get().origin(),
                other.environment(),
                otherKey.get().origin()));
      }
      for (ResolvedSigningSecret mine : report.signingSecrets()) {
        for (ResolvedSigningSecret theirs : other.signingSecrets()) {
          if (mine.signingSecret().secret().matches(theirs.signingSecret().secret())) {
            problems.add(
                shared(
                    "webhook signing secret",
                    report.environment(),
                    mine.origin(),
                    other.environment(),
                    theirs.origin()));
          }
        }
      }
    }
    return problems;
  }

  private static Problem shared(
      String what, Environment mine, Origin myOrigin, Environment other, Origin otherOrigin) {
    if (myOrigin.description().equals(otherOrigin.description())) {
      return Problem.warning(
          myOrigin
              + " supplies the "
              + what
              + " of both "
              + mine.id()
              + " and "
              + other.id()
              + ": fine for a process that only uses one environment, otherwise set "
              + (what.equals("API key") ? Setting.API_KEY : Setting.WEBHOOK_SECRET).variable(mine)
              + " per environment");
    }
    return Problem.error(
        "the "
            + what
            + " of "
            + mine.id()
            + " ("
            + myOrigin
            + ") is the same as the one of "
            + other.id()
            + " ("
            + otherOrigin
            + "): each Terra environment has its own, so this is a copy-paste mistake that would"
            + " mix environments; copy each from its own environment in the Terra dashboard");
  }

  /** Secret-holding files readable by group or others: a warning, refused for production. */
  List<Problem> filePermissions(EnvironmentReport report) {
    Set<Path> files = new LinkedHashSet<>();
    for (Setting setting : List.of(Setting.API_KEY, Setting.DEV_ID)) {
      Optional<ResolvedValue> value = report.value(setting);
      if (value.isPresent() && value.get().origin().isFile()) {
        files.add(value.get().origin().file());
      }
    }
    for (ResolvedSigningSecret secret : report.signingSecrets()) {
      if (secret.origin().isFile()) {
        files.add(secret.origin().file());
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (Path file : files) {
      Set<PosixFilePermission> permissions;
      try {
        permissions = Files.getPosixFilePermissions(file);
      } catch (UnsupportedOperationException | IOException e) {
        continue; // not a POSIX file system: nothing to check
      }
      if (permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        String message =
            display.of(file)
                + " holds secrets of "
                + report.environment().id()
                + " and is readable by "
                + (permissions.contains(PosixFilePermission.OTHERS_READ) ? "others" : "its group")
                + " ("
                + PosixFilePermissions.toString(permissions)
                + "): run chmod 600 "
                + display.of(file);
        problems.add(
            report.environment() == Environment.PRODUCTION
                ? Problem.error(message + " (refused for production)")
                : Problem.warning(message));
      }
    }
    return problems;
  }

  /** A {@code .env.terra.*} file in a git work tree that git does not ignore. */
  List<Problem> gitIgnored(Path dotenvFile) {
    if (!Files.isRegularFile(dotenvFile) || git.isIgnored(dotenvFile).orElse(true)) {
      return List.of();
    }
    return List.of(
        Problem.warning(
            display.of(dotenvFile)
                + " is inside a git work tree and git does not ignore it (or it is already"
                + " committed): add '"
                + dotenvFile.getFileName()
                + "' to .gitignore, and if it was committed, remove it (git rm --cached) and"
                + " rotate its secrets"));
  }

  /**
   * Secrets taken from system properties: those are usually {@code -D} arguments of the java
   * command, readable by every user in the process list. A warning, or an error when refused.
   */
  static List<Problem> systemPropertySecrets(EnvironmentReport report, boolean refuse) {
    List<Origin> origins = new ArrayList<>();
    Optional<ResolvedValue> key = report.value(Setting.API_KEY);
    if (key.isPresent()) {
      origins.add(key.get().origin());
    }
    for (ResolvedSigningSecret secret : report.signingSecrets()) {
      origins.add(secret.origin());
    }
    Set<String> properties = new LinkedHashSet<>(); // each property once, in the order met
    for (Origin origin : origins) {
      if (origin.kind() == Origin.Kind.SYSTEM_PROPERTY) {
        properties.add(origin.description());
      }
    }
    List<Problem> problems = new ArrayList<>();
    for (String property : properties) {
      String message =
          property
              + " holds a secret; set with -D it is a command-line argument that other users"
              + " can read in the process list: move it to the environment variable or"
              + " .env.terra."
              + report.environment().id();
      problems.add(refuse ? Problem.error(message + " (refused here)") : Problem.warning(message));
    }
    return List.copyOf(problems);
  }
}
