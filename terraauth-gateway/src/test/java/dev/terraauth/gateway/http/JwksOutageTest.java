package dev.terraauth.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.AppUserAuthenticator;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A gateway whose JWKS URL cannot be reached: valid users get 503 with {@code Retry-After} (an
 * outage), never a 401 (bad credentials), Terra is not called, and the log says so once.
 */
class JwksOutageTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();
  private static final String ISSUER = "https://app.example";
  private static final String AUDIENCE = "gateway";

  @TempDir static Path directory;
  static TestDatabase database;
  static FakeTerra terra;
  static GatewayApp gateway;
  static String base;
  static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  static final Logger AUTHENTICATOR_LOG =
      (Logger) LoggerFactory.getLogger(AppUserAuthenticator.class);
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    LOGS.start();
    AUTHENTICATOR_LOG.addAppender(LOGS);
    database = TestDatabase.sqlite(directory);
    terra = new FakeTerra(Clock.systemUTC());
    URI deadJwks = URI.create("http://127.0.0.1:" + Ports.unused() + "/.well-known/jwks.json");
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(JwtSettings.jwks(deadJwks, ISSUER, AUDIENCE))
            .build();
    gateway =
        GatewayApp.create(
                config,
                new GatewayApp.Parts(
                    database.database(),
                    terra,
                    WebhookVerifier.of(
                        List.of(
                            new SigningSecret(
                                Environment.TESTING,
                                1,
                                Secret.of("fake-signing-secret-testing-0000")))),
                    CredentialAdmin.none(),
                    Clock.systemUTC()))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    AUTHENTICATOR_LOG.detachAppender(LOGS);
    gateway.stop();
    database.close();
  }

  @Test
  void validUsersGet503WithRetryAfterOnEveryRequestAndTerraIsNotCalled() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    jwt.sign(new RSASSASigner(key));
    String bearer = jwt.serialize();

    for (String path :
        List.of(
            "/api/terra/mobile-token",
            "/api/terra/widget-session",
            "/api/terra/mobile-token",
            "/api/terra/widget-session",
            "/api/terra/mobile-token")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Authorization", "Bearer " + bearer)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("10");
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/problem+json");
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("detail").asText()).contains("JWKS");
    }
    assertThat(terra.mobileTokens.get()).isZero();
    assertThat(terra.widgetRequests).isEmpty();
    // an outage under load is one line in the log, not one per request
    assertThat(LOGS.list)
        .filteredOn(event -> event.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getFormattedMessage()).contains("the JWKS could not be fetched"));
  }
}
