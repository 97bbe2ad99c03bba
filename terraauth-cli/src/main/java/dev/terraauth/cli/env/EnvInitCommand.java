package dev.terraauth.cli.env;

import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Setting;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth env init --env E}: a private {@code .env.terra.E} template, git-ignored. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description =
        "Write a .env.terra.<env> template (mode 600), listed in .gitignore; never overwrites.",
    footer = {
      "",
      "Output: what was written and the next step. Exit codes: 0 written, 1 the file already",
      "exists (left untouched), 2 usage error (--env missing or unknown)."
    })
final class EnvInitCommand implements Callable<Integer> {
  @ParentCommand EnvCommand env;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Environment environment = env.root().environment();
    CredentialsLoader loader = env.root().credentialsLoader();
    Path file = loader.dotenvFile(environment);
    Files.createDirectories(file.getParent());
    try {
      createPrivate(file);
    } catch (FileAlreadyExistsException e) {
      spec.commandLine()
          .getErr()
          .println(
              "terra-auth env init: "
                  + loader.display(file)
                  + " already exists and was left untouched; edit it, or delete it first to"
                  + " start over");
      return 1;
    }
    Files.writeString(
        file, template(environment), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    boolean added =
        GitignoreFile.ensureIgnored(
            file.getParent().resolve(".gitignore"), file.getFileName().toString());
    PrintWriter out = spec.commandLine().getOut();
    String gitignore = loader.display(file.getParent().resolve(".gitignore"));
    out.println("wrote " + loader.display(file) + " (mode 600)");
    out.println(
        added
            ? "added " + file.getFileName() + " to " + gitignore
            : file.getFileName() + " is already covered by " + gitignore);
    out.println(
        environment == Environment.LOCAL
            ? "local works without it (the emulator's built-in account); uncomment lines to override."
            : "next: paste the "
                + environment.id()
                + " values from the Terra dashboard, then run: terra-auth env check --env "
                + environment.id());
    out.flush();
    return 0;
  }

  private static void createPrivate(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
      java.io.File plain = file.toFile();
      boolean restricted =
          plain.setReadable(false, false)
              && plain.setReadable(true, true)
              && plain.setWritable(false, false)
              && plain.setWritable(true, true);
      if (!restricted) {
        throw new IOException("could not restrict the permissions of " + file);
      }
    }
  }

  static String template(Environment environment) {
    String comment = environment == Environment.LOCAL ? "# " : "";
    String name = environment.id();
    return String.join(
        "\n",
        List.of(
            "# Terra credentials for the " + name + " environment, read by terra-auth.",
            "# Keep this file private (mode 600) and out of git (it is in .gitignore).",
            environment == Environment.LOCAL
                ? "# local defaults to the emulator's public account; uncomment to override."
                : "# Copy the values from the Terra dashboard ("
                    + name
                    + " environment). No quotes needed.",
            comment + Setting.DEV_ID.variable(environment) + "=",
            comment + Setting.API_KEY.variable(environment) + "=",
            "# Webhook signing secret; while rotating add "
                + Setting.WEBHOOK_SECRET.variable(environment)
                + "_2=<new>",
            "# (delete the line if this environment receives no webhooks).",
            comment + Setting.WEBHOOK_SECRET.variable(environment) + "=",
            "# REST base: current (default), legacy (https://api.tryterra.co/v2) or a URL.",
            "# " + Setting.API_URL.variable(environment) + "=legacy",
            "# "
                + Setting.WIDGET_SESSION_URL.variable(environment)
                + "=https://access.tryterra.co/api/widget/session",
            ""));
  }
}
