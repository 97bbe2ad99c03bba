package dev.terraauth.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS rule on the app API's {@code return_url}, both ways, separated from the origin check:
 * the plain-http origins here are configured app origins, so only the rule can refuse them.
 */
class ReturnUrlRuleTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private static final Secret JWT_SECRET = Secret.of("fake-hs256-secret-for-tests-0000-0000-0000");

  @TempDir Path directory;
  private final HttpClient http = HttpClient.newHttpClient();

  private record Running(GatewayApp app, TestDatabase database, FakeTerra terra)
      implements AutoCloseable {
    String base() {
      return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
      app.close();
      database.close();
    }
  }

  private Running gateway(Environment environment, List<String> origins, String name) {
    TestDatabase database = TestDatabase.sqlite(directory.resolve(name));
    FakeTerra terra = new FakeTerra(Clock.systemUTC());
    GatewayConfig config =
        GatewayConfig.builder(environment, URI.create("https://gateway.example"))
            .jwt(JwtSettings.hs256(JWT_SECRET, "https://app.example", "gateway"))
            .corsOrigins(origins)
            .appReturnUrl(URI.create("myapp://connected"))
            .build();
    GatewayApp app =
        GatewayApp.create(
                config,
                new GatewayApp.Parts(
                    database.database(),
                    terra,
                    WebhookVerifier.of(
                        List.of(
                            new SigningSecret(
                                environment, 1, Secret.of("fake-signing-secret-testing-0000")))),
                    CredentialAdmin.none(),
                    Clock.systemUTC()))
            .start("127.0.0.1", 0);
    return new Running(app, database, terra);
  }

  private HttpResponse<String> widgetSession(Running gateway, String returnUrl) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway.base() + "/api/terra/widget-session"))
            .header("Authorization", "Bearer " + appToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"return_url\":\"" + returnUrl + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String detail(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("detail").asText();
  }

  @Test
  void outsideLocalAPlainHttpAppOriginIsRefusedByTheRuleAndHttpsOrADeepLinkPasses()
      throws Exception {
    try (Running testing =
        gateway(
            Environment.TESTING, List.of("http://app.example", "https://app.example"), "testing")) {
      HttpResponse<String> plain = widgetSession(testing, "http://app.example/done");
      assertThat(plain.statusCode()).isEqualTo(400);
      assertThat(detail(plain))
          .isEqualTo(
              "return_url must use https:// outside local (testing): plain http would expose the"
                  + " user's session and ids in transit");
      assertThat(testing.terra().widgetRequests).isEmpty();

      assertThat(widgetSession(testing, "https://app.example/done").statusCode()).isEqualTo(200);
      assertThat(widgetSession(testing, "myapp://connected/terra").statusCode()).isEqualTo(200);
      HttpResponse<String> script = widgetSession(testing, "javascript://app.example/%0aalert(1)");
      assertThat(script.statusCode()).isEqualTo(400);
      assertThat(detail(script)).contains("return_url must be an https:// URL or an app deep link");
      HttpResponse<String> stranger = widgetSession(testing, "https://evil.example/done");
      assertThat(stranger.statusCode()).isEqualTo(400);
      assertThat(detail(stranger))
          .contains("return_url must be on one of the app's origins")
          .contains("https://evil.example is not");
    }
  }

  @Test
  void localAllowsPlainHttpOnlyToLoopback() throws Exception {
    try (Running local =
        gateway(
            Environment.LOCAL,
            List.of("http://127.0.0.1:3000", "http://192.168.1.9:3000"),
            "local")) {
      assertThat(widgetSession(local, "http://127.0.0.1:3000/done").statusCode()).isEqualTo(200);
      HttpResponse<String> lan = widgetSession(local, "http://192.168.1.9:3000/done");
      assertThat(lan.statusCode()).isEqualTo(400);
      assertThat(detail(lan))
          .startsWith("return_url may use http:// only for a loopback host")
          .contains("192.168.1.9");
    }
  }

  private static String appToken() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .issuer("https://app.example")
                .audience("gateway")
                .subject("rule-user")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new MACSigner(JWT_SECRET.revealBytes()));
    return jwt.serialize();
  }
}
