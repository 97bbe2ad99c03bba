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

/**
 * Coverage-guided fuzzing of the emulator's request parsers, over real HTTP to an in-process
 * emulator (corpus in src/test/resources/dev/terraauth/emulator/EmulatorRequestFuzzTestInputs):
 * query parameters, JSON bodies, path ids and admin inputs chosen by the fuzzer. The contract: a
 * client mistake is a 4xx, never a 500. Routes that make the emulator call out (webhook URLs) or
 * inject faults on purpose are left out. The emulator restarts every few thousand inputs so its
 * state stays small.
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

  private static TerraEmulator emulator;
  private static int sinceRestart;

  private static TerraEmulator emulator() {
    if (emulator == null || sinceRestart++ >= RESTART_EVERY) {
      if (emulator != null) {
        emulator.close();
      }
      emulator = TerraEmulator.builder().port(0).start();
      sinceRestart = 0;
    }
    return emulator;
  }

  @FuzzTest(maxDuration = "10m")
  @SuppressWarnings("try") // the resource is the scope of the allowance, never referenced
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
    TerraEmulator terra = emulator();
    int status;
    String answer;
    // Jazzer's SSRF detector refuses connections unless allowed on this thread: a blocking
    // HttpURLConnection connects here, where the allowance (the emulator's port only) applies
    try (SilentCloseable allowed =
        BugDetectors.allowNetworkConnections((host, port) -> port == terra.port())) {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create(terra.baseUrl().toString() + path + query).toURL().openConnection();
      connection.setConnectTimeout(5000);
      connection.setReadTimeout(10_000);
      connection.setRequestMethod(route[0]);
      connection.setRequestProperty("Content-Type", "application/json");
      if (credentials) {
        connection.setRequestProperty("dev-id", EmulatorAccount.LOCAL_DEV_ID);
        connection.setRequestProperty("x-api-key", EmulatorAccount.LOCAL_API_KEY);
      }
      if (!route[0].equals("GET") && !route[0].equals("DELETE")) {
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      answer = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      connection.disconnect();
    }
    if ((route[1].endsWith("/generateWidgetSession") || route[1].endsWith("/session"))
        && answer.contains(NO_SOURCES)) {
      return; // Terra's documented HTML 500 when no provider is enabled: emulated on purpose
    }
    assertThat(status).as("%s %s answered %s", route[0], path, answer).isLessThan(500);
  }

  private static String pathSegment(String raw) {
    String encoded = URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    return encoded.isEmpty() ? "x" : encoded;
  }
}
