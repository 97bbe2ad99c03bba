package dev.terraauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.cli.serve.RunningGateway;
import dev.terraauth.cli.serve.ServeCommand;
import dev.terraauth.emulator.AccountEnvironment;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The HTTPS rule on every setting it covers, both ways: widget-session and auth-url redirects,
 * serve's --public-url and --app-return-url. Refusals are usage errors (exit 2) naming the setting.
 */
class HttpsRuleCommandTest {
  private static final String DEV_ID = "acme-testing-0000";
  private static final String API_KEY = "fake-api-key-testing-0000";
  private static TerraEmulator emulator;

  @TempDir Path workingDirectory;
  private String err;
  private String out;

  @BeforeAll
  static void start() {
    emulator =
        TerraEmulator.builder()
            .port(0)
            .account(
                EmulatorAccount.builder(DEV_ID)
                    .environment(AccountEnvironment.TESTING)
                    .apiKey(API_KEY)
                    .signingSecrets(List.of("fake-signing-secret-testing-0000"))
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private CommandLine cli() {
    CommandLine cli =
        TerraAuthCli.create(
            new CliContext(
                Map.of(
                    "TERRA_TESTING_DEV_ID",
                    DEV_ID,
                    "TERRA_TESTING_API_KEY",
                    API_KEY,
                    "TERRA_TESTING_WEBHOOK_SECRET",
                    "fake-signing-secret-testing-0000",
                    "TERRAAUTH_JWT_SECRET",
                    "fake-hs256-secret-for-tests-0000-0000-0000"),
                new Properties(),
                workingDirectory));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli;
  }

  private int run(String... args) {
    CommandLine cli = cli();
    StringWriter errWriter = new StringWriter();
    StringWriter outWriter = new StringWriter();
    cli.setErr(new PrintWriter(errWriter, true));
    cli.setOut(new PrintWriter(outWriter, true));
    int exit = cli.execute(args);
    err = errWriter.toString();
    out = outWriter.toString();
    return exit;
  }

  private int testing(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(more));
    args.addAll(List.of("--env", "testing", "--api-url", emulator.apiBaseUrl().toString()));
    return run(args.toArray(String[]::new));
  }

  @Test
  void widgetSessionRedirectsMustBeHttpsOrDeepLinksOutsideLocal() {
    assertThat(
            testing(
                "widget-session", "--reference-id", "u1", "--success-url", "http://app.example/ok"))
        .isEqualTo(2);
    assertThat(err).contains("--success-url must use https:// outside local (testing)");
    assertThat(
            testing(
                "widget-session", "--reference-id", "u1", "--failure-url", "http://app.example/no"))
        .isEqualTo(2);
    assertThat(err).contains("--failure-url must use https://");

    assertThat(
            testing(
                "widget-session",
                "--reference-id",
                "u1",
                "--success-url",
                "https://app.example/ok",
                "--failure-url",
                "myapp://terra/failed"))
        .as(err)
        .isZero();
    assertThat(out).contains("/session/");
  }

  @Test
  void authUrlRedirectsFollowTheSameRule() {
    assertThat(
            testing("auth-url", "--resource", "FITBIT", "--success-url", "http://app.example/ok"))
        .isEqualTo(2);
    assertThat(err).contains("--success-url must use https:// outside local");
    assertThat(testing("auth-url", "--resource", "FITBIT", "--failure-url", "javascript:alert(1)"))
        .isEqualTo(2);
    assertThat(err).contains("--failure-url must be an https:// URL or an app deep link");
    assertThat(
            testing(
                "auth-url",
                "--resource",
                "FITBIT",
                "--success-url",
                "https://app.example/ok",
                "--failure-url",
                "myapp://done"))
        .as(err)
        .isZero();
  }

  @Test
  void localAllowsPlainHttpOnlyToLoopback() {
    List<String> local = List.of("--env", "local", "--emulator-url", emulator.baseUrl().toString());
    List<String> refused =
        new ArrayList<>(
            List.of(
                "widget-session",
                "--reference-id",
                "u1",
                "--success-url",
                "http://192.168.1.9/ok"));
    refused.addAll(local);
    assertThat(run(refused.toArray(String[]::new))).isEqualTo(2);
    assertThat(err).contains("--success-url may use http:// only for a loopback host");
    List<String> allowed =
        new ArrayList<>(
            List.of(
                "widget-session",
                "--reference-id",
                "u1",
                "--success-url",
                "http://127.0.0.1:3000/ok"));
    allowed.addAll(local);
    assertThat(run(allowed.toArray(String[]::new))).as(err).isZero();
  }

  private static final List<String> SERVE_TESTING =
      List.of(
          "serve",
          "--env",
          "testing",
          "--port",
          "0",
          "--jwt-issuer",
          "https://app.example",
          "--jwt-audience",
          "gateway",
          "--reconcile-every",
          "PT0S");

  private int serve(String... more) {
    List<String> args = new ArrayList<>(SERVE_TESTING);
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void serveOutsideLocalNeedsAnHttpsPublicUrlAndAppReturnUrl() {
    assertThat(serve()).isEqualTo(2);
    assertThat(err).contains("--public-url is required outside local");
    assertThat(serve("--public-url", "http://gateway.example")).isEqualTo(2);
    assertThat(err).contains("--public-url must use https:// outside local (testing)");
    assertThat(serve("--public-url", "myapp://gateway")).isEqualTo(2);
    assertThat(err).contains("--public-url must be an https:// URL, not myapp:");
    assertThat(
            serve(
                "--public-url",
                "https://gateway.example",
                "--app-return-url",
                "http://app.example/"))
        .isEqualTo(2);
    assertThat(err).contains("--app-return-url must use https:// outside local");
  }

  @Test
  void serveStartsWithHttpsUrlsOrADeepLinkReturn() throws Exception {
    for (String appReturn : List.of("https://app.example/connected", "myapp://connected")) {
      CommandLine cli = cli();
      List<String> args = new ArrayList<>(SERVE_TESTING);
      args.addAll(
          List.of("--public-url", "https://gateway.example", "--app-return-url", appReturn));
      CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
      ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
      try (RunningGateway running = serve.start()) {
        assertThat(running.url().toString()).startsWith("http://127.0.0.1:");
      }
    }
  }

  @Test
  void localServeRefusesAPublicHttpUrlOffLoopback() {
    assertThat(
            run(
                "serve",
                "--port",
                "0",
                "--emulator-port",
                "0",
                "--data-dir",
                "data",
                "--public-url",
                "http://192.168.1.9:8788"))
        .isEqualTo(2);
    assertThat(err).contains("--public-url may use http:// only for a loopback host");
  }
}
