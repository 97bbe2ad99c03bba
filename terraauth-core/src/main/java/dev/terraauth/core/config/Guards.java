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
import java.util.function.Function;

/** Guards over resolved configurations: copy-paste across environments, file modes, git. */
final class Guards {
  private final Function<Path, String> display;
  private final GitIgnoreCheck git;

  Guards(Function<Path, String> display, GitIgnoreCheck git) {
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
    report
        .value(Setting.API_KEY)
        .map(ResolvedValue::origin)
        .filter(Origin::isFile)
        .ifPresent(o -> files.add(o.file()));
    report
        .value(Setting.DEV_ID)
        .map(ResolvedValue::origin)
        .filter(Origin::isFile)
        .ifPresent(o -> files.add(o.file()));
    report.signingSecrets().stream()
        .map(ResolvedSigningSecret::origin)
        .filter(Origin::isFile)
        .forEach(o -> files.add(o.file()));
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
            display.apply(file)
                + " holds secrets of "
                + report.environment().id()
                + " and is readable by "
                + (permissions.contains(PosixFilePermission.OTHERS_READ) ? "others" : "its group")
                + " ("
                + PosixFilePermissions.toString(permissions)
                + "): run chmod 600 "
                + display.apply(file);
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
            display.apply(dotenvFile)
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
    report.value(Setting.API_KEY).map(ResolvedValue::origin).ifPresent(origins::add);
    report.signingSecrets().forEach(secret -> origins.add(secret.origin()));
    return origins.stream()
        .filter(origin -> origin.kind() == Origin.Kind.SYSTEM_PROPERTY)
        .map(Origin::description)
        .distinct()
        .map(
            origin -> {
              String message =
                  origin
                      + " holds a secret; set with -D it is a command-line argument that other users"
                      + " can read in the process list: move it to the environment variable or"
                      + " .env.terra."
                      + report.environment().id();
              return refuse ? Problem.error(message + " (refused here)") : Problem.warning(message);
            })
        .toList();
  }
}
