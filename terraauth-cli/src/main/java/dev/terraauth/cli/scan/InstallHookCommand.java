package dev.terraauth.cli.scan;

import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terra-auth scan install-hook}: a pre-commit hook running {@code scan --staged}. */
@Command(
    name = "install-hook",
    description = {
      "Install a git pre-commit hook that runs 'terra-auth scan --staged' and blocks commits that"
          + " add Terra credentials. An existing hook is kept unless --force is given (it is then"
          + " moved to pre-commit.terra-auth-backup)."
    })
public final class InstallHookCommand implements Callable<Integer> {
  static final String MARKER = "# installed by terra-auth scan install-hook";

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--force", description = "Replace an existing pre-commit hook.")
  boolean force;

  @Option(
      names = "--command",
      paramLabel = "CMD",
      description =
          "Command the hook runs instead of this java and jar, e.g. the repository launcher.")
  String command;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TerraAuthCommand root = (TerraAuthCommand) spec.parent().parent().userObject();
    Path workingDirectory = root.context().workingDirectory();
    try {
      if (!Git.isWorkTree(workingDirectory)) {
        throw new ScanException("not inside a git work tree");
      }
      Path hooks =
          workingDirectory.resolve(
              new Git(workingDirectory).text("rev-parse", "--git-path", "hooks").strip());
      Files.createDirectories(hooks);
      Path hook = hooks.resolve("pre-commit");
      if (Files.exists(hook) && !ours(hook)) {
        if (!force) {
          err.println(
              "terra-auth scan install-hook: "
                  + hook
                  + " already exists; add --force to replace it (it will be kept as"
                  + " pre-commit.terra-auth-backup)");
          err.flush();
          return TerraAuthCli.USAGE;
        }
        Files.move(
            hook,
            hooks.resolve("pre-commit.terra-auth-backup"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(hook, script(), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
      out.println("terra-auth scan install-hook: installed " + hook);
      out.flush();
      return TerraAuthCli.OK;
    } catch (ScanException | IOException | UnsupportedOperationException failure) {
      err.println("terra-auth scan install-hook: " + failure.getMessage());
      err.flush();
      return TerraAuthCli.USAGE;
    }
  }

  private static boolean ours(Path hook) throws IOException {
    return Files.readString(hook, StandardCharsets.UTF_8).contains(MARKER);
  }

  private String script() {
    String run = command != null ? command : thisTerraAuth();
    return "#!/bin/sh\n"
        + MARKER
        + "\n"
        + "# Blocks commits that add Terra credentials. Bypass once: git commit --no-verify\n"
        + "exec "
        + run
        + " scan --staged --no-progress\n";
  }

  /** The java running us plus this jar (or class path), quoted for sh. */
  private static String thisTerraAuth() {
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      Path location =
          Path.of(ScanCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location)) {
        return quote(java) + " -jar " + quote(location.toString());
      }
    } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
      // fall through to the class path
    }
    return quote(java)
        + " -cp "
        + quote(System.getProperty("java.class.path"))
        + " "
        + TerraAuthCli.class.getName();
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
