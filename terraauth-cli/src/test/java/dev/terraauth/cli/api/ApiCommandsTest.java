package dev.terraauth.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.testing.Ports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the API commands against a local HTTP server and checks output and exit codes. */
class ApiCommandsTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  private static final String API_KEY = "fake-api-key-local-0000-4d2e";
  private static final String USER =
      "{\"user_id\":\"u-1\",\"provider\":\"GARMIN\",\"scopes\":\"ACTIVITY_EXPORT\","
          + "\"reference_id\":\"app-user-42\",\"active\":true}";
  private static final MockWebServer SERVER = new MockWebServer();
  private static final QueueDispatcher DISPATCHER = new QueueDispatcher();

  @TempDir Path workingDirectory;
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private String out;
  private String err;

  @BeforeAll
  static void start() throws IOException {
    SERVER.setDispatcher(DISPATCHER);
    SERVER.start();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  @BeforeEach
  void setUp() throws InterruptedException {
    DISPATCHER.clear();
    while (SERVER.takeRequest(5, TimeUnit.MILLISECONDS) != null) {
      // drain
    }
    env.put("TERRA_LOCAL_DEV_ID", "terra-auth-local-dev");
    env.put("TERRA_LOCAL_API_KEY", API_KEY);
    env.put("TERRA_PRODUCTION_DEV_ID", "acme-prod-0000");
    env.put("TERRA_PRODUCTION_API_KEY", "fake-api-key-production-0000");
  }

  private static String emulator() {
    String url = SERVER.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--env")) {
      all.addAll(List.of("--env", "local", "--emulator-url", emulator()));
    }
    CommandLine cli =
        TerraAuthCli.create(
            new CliContext(
                env,
                new Properties(),
                workingDirectory,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    StringWriter outWriter = new StringWriter();
    StringWriter errWriter = new StringWriter();
    cli.setOut(new PrintWriter(outWriter, true));
    cli.setErr(new PrintWriter(errWriter, true));
    int exitCode = cli.execute(all.toArray(String[]::new));
    out = outWriter.toString();
    err = errWriter.toString();
    assertThat(out + err).doesNotContain(API_KEY);
    return exitCode;
  }

  private static void respond(int code, String body) {
    DISPATCHER.enqueue(
        new MockResponse.Builder()
            .code(code)
            .headers(Headers.of("Content-Type", "application/json"))
            .body(body)
            .build());
  }

  private static RecordedRequest request() throws InterruptedException {
    RecordedRequest request = SERVER.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  @Test
  void integrationsPrintsATable() throws Exception {
    respond(200, "{\"providers\":[\"FITBIT\",\"OURA\"],\"sdk_providers\":[\"APPLE\"]}");

    assertThat(run("integrations")).isZero();

    assertThat(out)
        .contains("PROVIDER")
        .contains("FITBIT    cloud")
        .contains("APPLE     mobile SDK");
    RecordedRequest request = request();
    assertThat(request.getTarget()).isEqualTo("/api/v2/integrations");
    assertThat(request.getHeaders().get("dev-id")).isEqualTo("terra-auth-local-dev");
  }

  @Test
  void detailedIntegrationsAsJson() throws Exception {
    respond(
        200,
        "{\"providers\":[{\"provider\":\"OURA\",\"name\":\"Oura\",\"enabled\":true,"
            + "\"types\":{\"sleep\":true}}]}");

    assertThat(run("integrations", "--detailed", "--sdk", "--json")).isZero();

    assertThat(json(out).get(0).get("provider").asText()).isEqualTo("OURA");
    assertThat(request().getTarget()).isEqualTo("/api/v2/integrations/detailed?sdk=true");
  }

  @Test
  void widgetSessionSendsOptionsAndPrintsUrl() throws Exception {
    respond(200, "{\"session_id\":\"s-1\",\"url\":\"https://w.example/s-1\",\"expires_in\":900}");

    int exitCode =
        run(
            "widget-session",
            "--reference-id",
            "app-user-42",
            "--providers",
            "GARMIN,FITBIT",
            "--success-url",
            "https://app.example/ok",
            "--failure-url",
            "https://app.example/no",
            "--language",
            "en");

    assertThat(exitCode).isZero();
    assertThat(out).contains("SESSION ID").contains("s-1").contains("https://w.example/s-1");
    JsonNode body = json(request().getBody().utf8());
    assertThat(body.get("providers").asText()).isEqualTo("GARMIN,FITBIT");
    assertThat(body.get("auth_failure_redirect_url").asText()).isEqualTo("https://app.example/no");
    assertThat(body.get("language").asText()).isEqualTo("en");
  }

  @Test
  void widgetSessionAsJsonHasAbsoluteExpiry() throws Exception {
    respond(200, "{\"session_id\":\"s-1\",\"url\":\"https://w.example/s-1\"}");

    assertThat(run("widget-session", "--reference-id", "r", "--json")).isZero();

    JsonNode session = json(out);
    assertThat(session.get("session_id").asText()).isEqualTo("s-1");
    assertThat(session.get("expires_at").asText()).endsWith("Z");
  }

  @Test
  void widgetSessionNewEndpointFlagGoesToTheEmulatorsNewEndpoint() throws Exception {
    respond(200, "{\"session_id\":\"s-2\",\"url\":\"https://w.example/s-2\"}");

    assertThat(run("widget-session", "--reference-id", "r", "--new-endpoint")).isZero();

    assertThat(request().getTarget()).isEqualTo("/api/widget/session");
  }

  @Test
  void invalidValuesAreUsageErrors() {
    assertThat(run("users", "--page", "-1")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err).contains("page must be >= 0");
  }

  @Test
  void authUrlPutsResourceInQuery() throws Exception {
    respond(200, "{\"user_id\":\"u-9\",\"auth_url\":\"https://fitbit.example/login\"}");

    assertThat(run("auth-url", "--resource", "FITBIT", "--reference-id", "r")).isZero();

    assertThat(out).contains("u-9").contains("https://fitbit.example/login");
    assertThat(request().getTarget()).isEqualTo("/api/v2/auth/authenticateUser?resource=FITBIT");
  }

  @Test
  void mobileTokenPrintsTheToken() throws Exception {
    respond(200, "{\"token\":\"abc123\",\"expires_in\":180}");
    respond(200, "{\"token\":\"def456\",\"expires_in\":180}");

    assertThat(run("mobile-token")).isZero();
    assertThat(out).contains("TOKEN").contains("abc123");
    assertThat(run("mobile-token", "--json")).isZero();
    assertThat(json(out).get("token").asText()).isEqualTo("def456");
  }

  @Test
  void deauthOnLocalDoesNotAsk() throws Exception {
    respond(200, "{\"status\":\"success\"}");

    assertThat(run("deauth", "--user-id", "u-1")).isZero();

    assertThat(out).contains("deauthenticated user u-1 (local)");
    assertThat(err).doesNotContain("Type 'yes'");
    RecordedRequest request = request();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/v2/auth/deauthenticateUser?user_id=u-1");
  }

  @Test
  void deauthOnProductionAbortsWithoutYes() throws Exception {
    stdin = "no\n";

    int exitCode =
        run("deauth", "--user-id", "u-1", "--env", "production", "--api-url", emulator() + "/v2");

    assertThat(exitCode).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err).contains("in production? Type 'yes'").contains("aborted, nothing was changed");
    assertThat(SERVER.takeRequest(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void deauthOnProductionProceedsAfterYes() throws Exception {
    respond(200, "{\"status\":\"success\"}");
    respond(200, "{\"status\":\"success\"}");
    stdin = "yes\n";

    assertThat(
            run(
                "deauth",
                "--user-id",
                "u-1",
                "--env",
                "production",
                "--api-url",
                emulator() + "/v2"))
        .isZero();
    assertThat(request().getTarget()).isEqualTo("/v2/auth/deauthenticateUser?user_id=u-1");

    stdin = "";
    assertThat(
            run(
                "deauth",
                "--user-id",
                "u-2",
                "--yes",
                "--env",
                "production",
                "--api-url",
                emulator() + "/v2"))
        .isZero();
    assertThat(err).doesNotContain("Type 'yes'");
    assertThat(request().getHeaders().get("dev-id")).isEqualTo("acme-prod-0000");
  }

  @Test
  void userByIdAndByReference() throws Exception {
    respond(200, "{\"user\":" + USER + ",\"status\":\"success\",\"is_authenticated\":true}");
    respond(200, "{\"users\":[" + USER + "]}");

    assertThat(run("user", "--user-id", "u-1")).isZero();
    assertThat(out).contains("AUTHENTICATED").contains("u-1").contains("GARMIN");
    assertThat(run("user", "--reference-id", "app-user-42", "--json")).isZero();
    assertThat(json(out).get(0).get("reference_id").asText()).isEqualTo("app-user-42");
  }

  @Test
  void userNeedsExactlyOneSelector() {
    assertThat(run("user")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(run("user", "--user-id", "a", "--reference-id", "b")).isEqualTo(TerraAuthCli.USAGE);
  }

  @Test
  void usersAllAndPaged() throws Exception {
    respond(200, "{\"users\":[" + USER + "]}");
    respond(200, "{\"data\":{\"next\":1,\"max_page\":2,\"results\":[" + USER + "]}}");

    assertThat(run("users")).isZero();
    assertThat(out).contains("USER ID").contains("app-user-42");
    assertThat(run("users", "--page", "0")).isZero();
    assertThat(out).contains("next: --page 1");
    request();
    assertThat(request().getTarget()).isEqualTo("/api/v2/subscriptions?page=0");
  }

  @Test
  void apiErrorIsOneLineWithCauseAndFix() {
    respond(
        401,
        "{\"type\":\"about:blank\",\"title\":\"unauthorized\",\"instance\":\"/subscriptions\","
            + "\"detail\":\"invalid credentials\"}");

    assertThat(run("users")).isEqualTo(TerraAuthCli.PROBLEM);

    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err)
        .startsWith(
            "terra-auth users: GET /subscriptions (local) returned 401: invalid credentials")
        .contains("check `terra-auth env check --live --env local`");
  }

  @Test
  void unreachableEmulatorSaysHowToStartIt() throws IOException {
    int closedPort = Ports.unused();

    int exitCode =
        run("integrations", "--env", "local", "--emulator-url", "http://127.0.0.1:" + closedPort);

    assertThat(exitCode).isEqualTo(TerraAuthCli.PROBLEM);
    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("could not connect").contains("is the emulator running?");
  }

  @Test
  void missingCredentialsAreAConfigError() {
    env.clear();

    assertThat(run("integrations", "--env", "testing")).isEqualTo(TerraAuthCli.USAGE);
    assertThat(err).contains("TERRA_TESTING_DEV_ID");
  }

  @Test
  void emulatorUrlOnlyWithLocal() {
    env.put("TERRA_TESTING_DEV_ID", "acme-testing-0000");
    env.put("TERRA_TESTING_API_KEY", "fake-api-key-testing-0000");

    assertThat(run("integrations", "--env", "testing", "--emulator-url", emulator()))
        .isEqualTo(TerraAuthCli.USAGE);
    assertThat(err).contains("--emulator-url applies only to --env local");
  }
}
