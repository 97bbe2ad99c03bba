package dev.terraauth.cli.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WebhookCommandTest {
  static final String DEAUTH =
      "{\"type\":\"deauth\",\"status\":\"success\",\"message\":\"User has deauthenticated\","
          + "\"user\":{\"user_id\":\"40f7b0e1-89e2-43ac-a5b8-1e29c8d47cad\",\"provider\":\"GARMIN\","
          + "\"last_webhook_update\":null,\"scopes\":\"ACTIVITY_EXPORT\","
          + "\"reference_id\":\"your-user-123\",\"active\":false}}";
  static final String CONTRACT_HEADER =
      "t=1723808700,v1=a001e203f6a081718cc84e5e68315575cac2164878f0f03a1665dd5ff28655bc";
  static final String TESTING_SECRET = "whsec_sandbox_example";
  static final String STAGING_SECRET = "fake-signing-secret-staging-0000";

  @TempDir Path workingDirectory;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void writeBody() throws IOException {
    Files.writeString(workingDirectory.resolve("body.json"), DEAUTH, StandardCharsets.UTF_8);
  }

  int run(Map<String, String> environment, String... args) {
    CommandLine cli =
        TerraAuthCli.create(new CliContext(environment, new Properties(), workingDirectory));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  static Map<String, String> secrets() {
    return Map.of(
        "TERRA_TESTING_WEBHOOK_SECRET", TESTING_SECRET,
        "TERRA_STAGING_WEBHOOK_SECRET", STAGING_SECRET);
  }

  @Test
  void signPrintsTerrasExactHeader() {
    int exit =
        run(
            secrets(),
            "webhook",
            "sign",
            "--env",
            "testing",
            "--body",
            "body.json",
            "--timestamp",
            "1723808700");

    assertThat(exit).isZero();
    assertThat(out.toString().strip()).isEqualTo(CONTRACT_HEADER);
    assertThat(out.toString() + err).doesNotContain(TESTING_SECRET);
  }

  @Test
  void signWithoutTimestampVerifiesNow() {
    assertThat(run(secrets(), "webhook", "sign", "--env", "staging", "--body", "body.json"))
        .isZero();
    String header = out.toString().strip();
    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    assertThat(t)
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));

    assertThat(
            run(
                secrets(),
                "webhook",
                "verify",
                "--env",
                "staging",
                "--body",
                "body.json",
                "--signature",
                header))
        .isZero();
    assertThat(out.toString()).contains("valid: signed with the staging secret staging#1");
  }

  @Test
  void verifySaysWhichSecretMatched() {
    int exit =
        run(
            secrets(),
            "webhook",
            "verify",
            "--env",
            "testing",
            "--body",
            "body.json",
            "--signature",
            CONTRACT_HEADER,
            "--at",
            "1723808710");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("valid: signed with the testing secret testing#1 (fingerprint ")
        .contains("2024-08-16T11:45:00Z")
        .contains("10 s");
  }

  @Test
  void verifyNamesTheEnvironmentWhoseSecretSignedIt() {
    int exit =
        run(
            secrets(),
            "webhook",
            "verify",
            "--env",
            "staging",
            "--body",
            "body.json",
            "--signature",
            CONTRACT_HEADER,
            "--at",
            "1723808700");

    assertThat(exit).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err.toString())
        .contains("invalid: BAD_SIGNATURE")
        .contains("signed with the testing secret, not staging");
    assertThat(out.toString() + err).doesNotContain(TESTING_SECRET, STAGING_SECRET);
  }

  @Test
  void verifyExplainsAStaleDelivery() {
    int exit =
        run(
            secrets(),
            "webhook",
            "verify",
            "--env",
            "testing",
            "--body",
            "body.json",
            "--signature",
            CONTRACT_HEADER);

    assertThat(exit).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err.toString()).contains("STALE_TIMESTAMP").contains("--at");
  }

  @Test
  void verifyExplainsAnAlteredBody() throws IOException {
    Files.writeString(workingDirectory.resolve("body.json"), DEAUTH + "\n");

    int exit =
        run(
            secrets(),
            "webhook",
            "verify",
            "--env",
            "testing",
            "--body",
            "body.json",
            "--signature",
            CONTRACT_HEADER,
            "--at",
            "1723808700");

    assertThat(exit).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err.toString()).contains("BAD_SIGNATURE").contains("no configured secret of any");
  }

  @Test
  void verifyReportsAMalformedHeader() {
    int exit =
        run(
            secrets(),
            "webhook",
            "verify",
            "--env",
            "testing",
            "--body",
            "body.json",
            "--signature",
            "t=soon,v1=abc");

    assertThat(exit).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err.toString()).contains("MALFORMED_HEADER");
  }

  @Test
  void missingSecretIsAConfigurationError() {
    assertThat(
            run(
                Map.of(),
                "webhook",
                "verify",
                "--env",
                "production",
                "--body",
                "body.json",
                "--signature",
                CONTRACT_HEADER))
        .isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("TERRA_PRODUCTION_WEBHOOK_SECRET");

    assertThat(run(Map.of(), "webhook", "sign", "--env", "production", "--body", "body.json"))
        .isEqualTo(TerraAuthCli.USAGE);
  }

  @Test
  void unreadableBodyOrMissingEnvIsAUsageError() {
    assertThat(run(secrets(), "webhook", "sign", "--env", "testing", "--body", "nope.json"))
        .isEqualTo(TerraAuthCli.USAGE);
    assertThat(err.toString()).contains("cannot read body file nope.json");

    assertThat(run(secrets(), "webhook", "sign", "--body", "body.json"))
        .isEqualTo(TerraAuthCli.USAGE);
    assertThat(run(secrets(), "webhook", "verify", "--env", "testing", "--body", "body.json"))
        .isEqualTo(TerraAuthCli.USAGE);
  }

  @Test
  void envMayAlsoComeBeforeTheSubcommand() {
    int exit =
        run(
            secrets(),
            "--env",
            "testing",
            "webhook",
            "sign",
            "--body",
            "body.json",
            "--timestamp",
            "1723808700");

    assertThat(exit).isZero();
    assertThat(out.toString().strip()).isEqualTo(CONTRACT_HEADER);
  }

  @Test
  void verifyReadsStandardInputAndIgnoresAPastedHeaderName() {
    CommandLine cli =
        TerraAuthCli.create(
            new CliContext(
                secrets(),
                new Properties(),
                workingDirectory,
                new java.io.ByteArrayInputStream(DEAUTH.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit =
        cli.execute(
            "webhook",
            "verify",
            "--env",
            "testing",
            "--body",
            "-",
            "--signature",
            "X-Terra-Signature: " + CONTRACT_HEADER,
            "--at",
            "1723808700");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("valid: signed with the testing secret");
  }
}
