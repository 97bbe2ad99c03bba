package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the emulator's request parsers, over real HTTP to an in-process
 * emulator (corpus in src/test/resources/dev/terraauth/emulator/EmulatorRequestFuzzTestInputs):
 * query parameters, JSON bodies, path ids and admin inputs chosen by the fuzzer. The contract: a
 * client mistake is a 4xx, never a 500. Routes that make the emulator call out (webhook URLs) or
 * inject faults on purpose are left out. The emulator starts, and every route is called once,
 * before the first input (so no input pays for start-up); it restarts every few thousand inputs so
 * its state stays small.
 */
class EmulatorRequestFuzzTest {
  private static final List<String[]> ROUTES =
      List.of(
          new String[] {"POST", "/api/v2/auth/authenticateUser"},
          new String[] {"POST", "/api/v2/auth/generateWidgetSession"},
          new String[] {"POST", "/v2/auth/generateWidgetSession"},
          new String[] {"POST", "/api/widget/session"},
          new String[] {"POST", "/widget/api/session"},
          new String[] {"POST", "/api/v2/auth/generateAuthToken"},
          new String[] {"DELETE", "/api/v2/auth/deauthenticateUser"},
          new String[] {"GET", "/api/v2/userInfo"},
          new String[] {"POST", "/api/v2/bulkUserInfo"},
          new String[] {"GET", "/api/v2/subscriptions"},
          new String[] {"GET", "/api/v2/integrations/detailed"},
          new String[] {"POST", "/_emulator/clock/advance"},
          new String[] {"POST", "/_emulator/sdk/redeem"},
          new String[] {"POST", "/_emulator/users/%s/access_revoked"},
          new String[] {"POST", "/_emulator/users/%s/connection_error"},
          new String[] {"POST", "/_emulator/users/%s/permission_change"},
          new String[] {"GET", "/session/%s"},
          new String[] {"GET", "/session/%s/connect/%s"},
          new String[] {"GET", "/consent/%s"},
          new String[] {"POST", "/consent/%s/approve"},
          new String[] {"POST", "/consent/%s/deny"});
  private static final List<String> PARAMETERS =
      List.of(
          "resource",
          "reference_id",
          "user_id",
          "page",
          "per_page",
          "providers",
          "language",
          "auth_success_redirect_url",
          "auth_failure_redirect_url",
          "to_webhook");
  private static final int RESTART_EVERY = 5000;
  private static final String NO_SOURCES = "No data sources are enabled";

  /** A fuzzed request is answered well within this; warm-up requests get more. */
  private static final int READ_TIMEOUT_MILLIS = 8_000;

  private static final int WARM_UP_TIMEOUT_MILLIS = 120_000;

  private static TerraEmulator emulator;
  private static int sinceRestart;

  /**
   * Starts the emulator and sends every route one request before the first fuzzed input, so that
   * the server's start, class loading and Jazzer's instrumentation of those classes are not timed
   * as part of an input (under load they took longer than the 10 s hang limit on the first one).
   */
  @BeforeAll
  static void startAndWarmUp() throws Exception {
    emulator = TerraEmulator.builder().port(0).start();
    sinceRestart = 0;
    for (String[] route : ROUTES) {
      exchange(
          emulator,
          route[0],
          route[1].replace("%s", "warm-up"),
          true,
          "{}",
          WARM_UP_TIMEOUT_MILLIS);
    }
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  private static TerraEmulator emulator() {
    if (emulator == null || sinceRestart++ >= RESTART_EVERY) {
      // keeps its state small; the classes are loaded by now, so a restart takes milliseconds
      if (emulator != null) {
        emulator.close();
      }
      emulator = TerraEmulator.builder().port(0).start();
      sinceRestart = 0;
    }
    return emulator;
  }

  @FuzzTest(maxDuration = "10m")
  void answersClientMistakesWith4xx(FuzzedDataProvider data) throws Exception {
    String[] route = data.pickValue(ROUTES);
    String path = route[1];
    while (path.contains("%s")) {
      path = path.replaceFirst("%s", pathSegment(data.consumeString(40)));
    }
    StringBuilder query = new StringBuilder();
    int count = data.consumeInt(0, 4);
    for (int i = 0; i < count; i++) {
      String name = data.consumeBoolean() ? data.pickValue(PARAMETERS) : data.consumeString(12);
      query
          .append(i == 0 ? "?" : "&")
          .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(data.consumeString(80), StandardCharsets.UTF_8));
    }
    boolean credentials = data.consumeInt(0, 9) > 0;
    String body = data.consumeRemainingAsString();
    Answer answer =
        exchange(emulator(), route[0], path + query, credentials, body, READ_TIMEOUT_MILLIS);
    if ((route[1].endsWith("/generateWidgetSession") || route[1].endsWith("/session"))
        && answer.body().contains(NO_SOURCES)) {
      return; // Terra's documented HTML 500 when no provider is enabled: emulated on purpose
    }
    assertThat(answer.status())
        .as("%s %s answered %s", route[0], path, answer.body())
        .isLessThan(500);
  }

  record Answer(int status, String body) {}

  /**
   * One request over a blocking {@link HttpURLConnection}: it connects on this thread, where the
   * allowance of Jazzer's SSRF detector (the emulator's port only) applies.
   */
  @SuppressWarnings("try") // the resource is the scope of the allowance, never referenced
  private static Answer exchange(
      TerraEmulator terra,
      String method,
      String pathAndQuery,
      boolean credentials,
      String body,
      int readTimeoutMillis)
      throws Exception {
    try (SilentCloseable allowed = allowConnectionsTo(terra)) {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create(terra.baseUrl().toString() + pathAndQuery).toURL().openConnection();
      connection.setConnectTimeout(5000);
      connection.setReadTimeout(readTimeoutMillis);
      connection.setRequestMethod(method);
      connection.setRequestProperty("Content-Type", "application/json");
      if (credentials) {
        connection.setRequestProperty("dev-id", EmulatorAccount.LOCAL_DEV_ID);
        connection.setRequestProperty("x-api-key", EmulatorAccount.LOCAL_API_KEY);
      }
      if (!method.equals("GET") && !method.equals("DELETE")) {
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String answer =
          stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      connection.disconnect();
      return new Answer(status, answer);
    }
  }

  /**
   * Lets this thread connect to the emulator's port under Jazzer's SSRF detector. Before Jazzer's
   * agent is installed (the warm-up in {@code @BeforeAll}) there is no detector and nothing to
   * allow; {@link BugDetectors} is not touched then, because it binds to the detector once, when
   * first used. The classes loaded meanwhile are instrumented when the agent installs.
   */
  private static SilentCloseable allowConnectionsTo(TerraEmulator terra) {
    try {
      Class.forName(
          "com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery",
          false,
          EmulatorRequestFuzzTest.class.getClassLoader());
    } catch (ClassNotFoundException noDetectorYet) {
      return () -> {};
    }
    return BugDetectors.allowNetworkConnections((host, port) -> port == terra.port());
  }

  private static String pathSegment(String raw) {
    String encoded = URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    return encoded.isEmpty() ? "x" : encoded;
  }
}
