package dev.terraauth.cli;

import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The run whose loaded classes the {@code ./terra-auth} launcher lists (-XX:DumpLoadedClassList)
 * and puts in a static class-data-sharing archive (-Xshare:dump): the short commands people type
 * most, against an empty configuration in a temporary directory, with their output thrown away.
 * Later starts map those classes from the archive instead of loading and verifying them from the
 * jar.
 */
final class StartupTraining {
  /** The hidden first argument that runs the training instead of a command. */
  static final String ARGUMENT = "__startup-training";

  private StartupTraining() {}

  static int run() throws IOException {
    Path directory = Files.createTempDirectory("terra-auth-training");
    try {
      Path body = directory.resolve("body.json");
      byte[] bytes =
          "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\"u\"}}"
              .getBytes(StandardCharsets.UTF_8);
      Files.write(body, bytes);
      SigningSecret secret =
          CredentialsLoader.builder()
              .environmentVariables(Map.of())
              .workingDirectory(directory)
              .build()
              .signingSecrets(Environment.LOCAL)
              .get(0);
      WebhookSigner signer = WebhookSigner.of(secret.secret());
      long now = Instant.now().getEpochSecond();
      CliContext.ofProcess(); // the JDK classes behind System.getenv(), used by every start
      execute(directory, "--help");
      execute(directory, "env", "list");
      execute(directory, "env", "list", "--json");
      // a valid signature, and the failure paths: a stale one, then one no secret made
      for (String signature :
          new String[] {
            signer.header(now, bytes),
            signer.header(now - 3_600, bytes),
            "t=" + now + ",v1=" + "0".repeat(64)
          }) {
        execute(
            directory,
            "webhook",
            "verify",
            "--env",
            "local",
            "--body",
            body.toString(),
            "--signature",
            signature);
      }
      execute(directory, "env", "show", "--env", "bogus");
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static PrintWriter discarding() {
    return new PrintWriter(
        new java.io.OutputStreamWriter(
            java.io.OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
  }

  private static void execute(Path directory, String... args) {
    CliContext context = new CliContext(Map.of(), new Properties(), directory);
    var commandLine = TerraAuthCli.create(context, args);
    // writers over an encoder, as on a terminal, so the classes of that path are archived too
    commandLine.setOut(discarding());
    commandLine.setErr(discarding());
    commandLine.execute(args);
  }
}
