package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's web side: styled hosted pages with logos and security headers, problem+json for
 * routing errors, 400 (never 500) for bad admin input, and users kept across a restart.
 */
class EmulatorWebTest {
  @TempDir static Path directory;
  static TerraEmulator emulator;

  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    emulator = TerraEmulator.builder().port(0).usersFile(directory.resolve("users.json")).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void routingErrorsAreProblemJsonOnEveryPath() throws Exception {
    for (String path : new String[] {"/nope", "/_emulator/nope", "/api/v2/nope", "/static/x.css"}) {
      HttpResponse<String> missing = send("GET", path, null);
      assertThat(missing.statusCode()).as(path).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type"))
          .as(path)
          .hasValue("application/problem+json");
      assertThat(missing.body()).as(path).contains("\"title\":\"not found\"");
    }
    HttpResponse<String> wrongMethod = send("DELETE", "/_emulator/clock", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    assertThat(wrongMethod.body()).contains("DELETE /_emulator/clock is not allowed");

    HttpResponse<String> huge =
        send("PUT", "/_emulator/faults", "{\"x\":\"" + "a".repeat(2_000_000) + "\"}");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void badAdminInputIsA400NotA500() throws Exception {
    String[][] requests = {
      {"POST", "/_emulator/clock/advance?seconds=9999999999999999", null},
      {"POST", "/_emulator/clock/advance?seconds=abc", null},
      {"POST", "/_emulator/clock/advance", "{\"seconds\":-1}"},
      {"PUT", "/_emulator/faults", "[1,2]"},
      {"PUT", "/_emulator/faults", "{not json"},
      {"PUT", "/_emulator/accounts/x/webhook_url", "{}"},
      {"POST", "/_emulator/sdk/redeem", "{}"},
    };
    for (String[] request : requests) {
      HttpResponse<String> answer = send(request[0], request[1], request[2]);
      assertThat(answer.statusCode())
          .as(request[0] + " " + request[1] + " " + request[2] + ": " + answer.body())
          .isBetween(400, 499);
      assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }
  }

  @Test
  void theWidgetShowsProviderTilesWithLogosAndNoScripts() throws Exception {
    JsonNode session =
        Json.MAPPER.readTree(
            http.send(
                    HttpRequest.newBuilder(emulator.widgetSessionUrl())
                        .header("dev-id", EmulatorAccount.LOCAL_DEV_ID)
                        .header("x-api-key", EmulatorAccount.LOCAL_API_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reference_id\":\"web-1\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String url = session.get("url").asText();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("class=\"tile provider\"")
        .contains("/api/v2/static/assets/img/app_icons/garmin.svg")
        .contains("local, not Terra")
        .contains("href=\"/static/emulator.css\"")
        .doesNotContain("<script");
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy)
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("script-src");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    HttpResponse<String> logo = send("GET", "/api/v2/static/assets/img/app_icons/garmin.svg", null);
    assertThat(logo.statusCode()).isEqualTo(200);
    assertThat(logo.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
    assertThat(logo.body()).startsWith("<svg").contains("Garmin").contains(">Ga<");
    assertThat(send("GET", "/static/emulator.css", null).body()).contains(".tile");

    HttpResponse<String> consent =
        send(
            "GET",
            URI.create(location(send("GET", URI.create(url).getPath() + "/connect/GARMIN", null)))
                .getPath(),
            null);
    assertThat(consent.body())
        .contains("ACTIVITY_EXPORT")
        .contains("It will be able to read")
        .contains("garmin.svg");
  }

  @Test
  void usersSurviveARestartThroughTheirFile() throws Exception {
    Path file = directory.resolve("restart-users.json");
    String userId;
    try (TerraEmulator first = TerraEmulator.builder().port(0).usersFile(file).start()) {
      JsonNode auth =
          Json.MAPPER.readTree(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  first.apiBaseUrl()
                                      + "/auth/authenticateUser?resource=OURA&reference_id=kept-1"))
                          .header("dev-id", EmulatorAccount.LOCAL_DEV_ID)
                          .header("x-api-key", EmulatorAccount.LOCAL_API_KEY)
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      HttpResponse<String> approved =
          http.send(
              HttpRequest.newBuilder(URI.create(auth.get("auth_url").asText() + "/approve"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("account=kept%40oura"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(approved.statusCode()).isIn(200, 302);
      userId = first.admin().users().get(0).userId();
    }
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (TerraEmulator second = TerraEmulator.builder().port(0).usersFile(file).start()) {
      assertThat(second.admin().users())
          .singleElement()
          .satisfies(
              user -> {
                assertThat(user.userId()).isEqualTo(userId);
                assertThat(user.referenceId()).isEqualTo("kept-1");
                assertThat(user.providerAccount()).isEqualTo("kept@oura");
                assertThat(user.active()).isTrue();
              });
    }
    Files.writeString(file, "{\"users\":[{\"user_id\":\"u\"}]}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TerraEmulator.builder().port(0).usersFile(file).start())
        .hasMessageContaining(file.toString())
        .hasMessageContaining("users[0]");
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow();
  }
}
