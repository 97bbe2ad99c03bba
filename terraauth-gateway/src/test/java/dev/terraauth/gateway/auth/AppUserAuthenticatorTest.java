package dev.terraauth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.testing.Await;
import dev.terraauth.testing.Ports;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AppUserAuthenticatorTest {
  static final Secret SECRET = Secret.of("fake-hs256-secret-for-tests-0000-0000-0000");
  static final String ISSUER = "https://app.example";
  static final String AUDIENCE = "terra-gateway";

  static HttpServer jwksServer;
  static RSAKey rsaKey;
  static ECKey ecKey;

  final AppUserAuthenticator hs256 =
      new AppUserAuthenticator(JwtSettings.hs256(SECRET, ISSUER, AUDIENCE));

  @BeforeAll
  static void startJwks() throws Exception {
    rsaKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ecKey = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    byte[] jwks =
        new JWKSet(java.util.List.of(rsaKey.toPublicJWK(), ecKey.toPublicJWK()))
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    jwksServer.start();
  }

  @AfterAll
  static void stopJwks() {
    jwksServer.stop(0);
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("user-42")
        .expirationTime(Date.from(Instant.now().plusSeconds(300)));
  }

  static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims)
      throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static String hs(JWTClaimsSet claims, Secret secret) throws JOSEException {
    return sign(new MACSigner(secret.revealBytes()), JWSAlgorithm.HS256, null, claims);
  }

  @Test
  void acceptsAValidHs256TokenAndReturnsTheSubject() throws Exception {
    assertThat(hs256.authenticate("Bearer " + hs(claims().build(), SECRET))).isEqualTo("user-42");
  }

  @Test
  void usesTheConfiguredUserIdClaim() throws Exception {
    AppUserAuthenticator custom =
        new AppUserAuthenticator(
            JwtSettings.hs256(SECRET, ISSUER, AUDIENCE).withUserIdClaim("uid"));
    String token = hs(claims().claim("uid", "app-user-7").build(), SECRET);
    assertThat(custom.authenticate("Bearer " + token)).isEqualTo("app-user-7");
  }

  @Test
  void refusesAMissingToken() {
    assertThatThrownBy(() -> hs256.authenticate(null))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> hs256.authenticate("Basic abc"))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void refusesAnExpiredTokenBeyondTheClockSkew() throws Exception {
    String expired =
        hs(claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build(), SECRET);
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + expired))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("xpired");
  }

  @Test
  void toleratesASmallClockSkew() throws Exception {
    String justExpired =
        hs(claims().expirationTime(Date.from(Instant.now().minusSeconds(5))).build(), SECRET);
    assertThat(hs256.authenticate("Bearer " + justExpired)).isEqualTo("user-42");
  }

  @Test
  void refusesATokenSignedWithAnotherKey() throws Exception {
    String forged = hs(claims().build(), Secret.of("another-fake-secret-for-tests-1111-1111-1111"));
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + forged))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void refusesAlgNone() {
    String unsigned = new PlainJWT(claims().build()).serialize();
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + unsigned))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void refusesTheWrongAudienceAndIssuer() throws Exception {
    String wrongAudience = hs(claims().audience("someone-else").build(), SECRET);
    String wrongIssuer = hs(claims().issuer("https://evil.example").build(), SECRET);
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + wrongAudience))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("aud");
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + wrongIssuer))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void refusesATokenWithoutExpiry() throws Exception {
    String noExpiry = hs(claims().expirationTime(null).build(), SECRET);
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + noExpiry))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void verifiesRs256AndEs256AgainstAJwksUrl() throws Exception {
    URI jwks = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
    AppUserAuthenticator authenticator =
        new AppUserAuthenticator(JwtSettings.jwks(jwks, ISSUER, AUDIENCE));
    String rs = sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims().build());
    String es = sign(new ECDSASigner(ecKey), JWSAlgorithm.ES256, "ec-1", claims().build());
    assertThat(authenticator.authenticate("Bearer " + rs)).isEqualTo("user-42");
    assertThat(authenticator.authenticate("Bearer " + es)).isEqualTo("user-42");

    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    String forged = sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1", claims().build());
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + forged))
        .isInstanceOf(UnauthorizedException.class);
    // an HS256 token must not be accepted by a JWKS (asymmetric) configuration
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + hs(claims().build(), SECRET)))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void devLoginExistsOnlyInLocalAndItsTokensVerify() {
    assertThatThrownBy(() -> DevLogin.forEnvironment(Environment.PRODUCTION, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class);
    DevLogin login = DevLogin.forEnvironment(Environment.LOCAL, Clock.systemUTC());
    AppUserAuthenticator authenticator = new AppUserAuthenticator(login.jwtSettings());
    assertThat(authenticator.authenticate("Bearer " + login.issue("alice"))).isEqualTo("alice");
    assertThatThrownBy(() -> login.issue("<script>")).isInstanceOf(IllegalArgumentException.class);
    DevLogin stale =
        DevLogin.forEnvironment(
            Environment.LOCAL, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
    String old = stale.issue("bob");
    assertThatThrownBy(
            () -> new AppUserAuthenticator(stale.jwtSettings()).authenticate("Bearer " + old))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void refusesShortHs256Secrets() {
    assertThatThrownBy(() -> JwtSettings.hs256(Secret.of("short"), ISSUER, AUDIENCE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesEveryMalleatedToken() throws Exception {
    String valid = hs(claims().build(), SECRET);
    assertThat(hs256.authenticate("Bearer " + valid)).isEqualTo("user-42");
    int accepted = 0;
    int tried = 0;
    for (String junk : java.util.List.of("!", "*", "~", "%", "\t", "=", "+", "/", " ", "\u00e9")) {
      for (int position = 1; position < valid.length(); position += 7) {
        String bad = valid.substring(0, position) + junk + valid.substring(position);
        tried++;
        try {
          hs256.authenticate("Bearer " + bad);
          accepted++;
        } catch (UnauthorizedException expected) {
          // refused, as it must be
        }
      }
    }
    assertThat(tried).isGreaterThan(100);
    assertThat(accepted).isZero();
  }

  @Test
  void refusesANonCanonicalLastSignatureCharacter() throws Exception {
    String valid = hs(claims().build(), SECRET);
    // a 32-byte HMAC is 43 base64url characters: the last one carries 2 unused bits
    char last = valid.charAt(valid.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String bad = valid.substring(0, valid.length() - 1) + sibling;
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + bad))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("canonical");
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + valid + "="))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + valid + "."))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void refusesNonStringOrOverlongClaims() throws Exception {
    for (JWTClaimsSet bad :
        java.util.List.of(
            claims().claim("sub", 12345).build(),
            claims().claim("sub", java.util.List.of("a")).build(),
            claims().subject("x".repeat(256)).build(),
            claims().claim("iss", 7).build(),
            claims().claim("aud", 7).build(),
            claims().audience("a".repeat(256)).build(),
            claims().subject(" ").build(),
            claims().subject("nul\u0000inside").build(),
            claims().subject("line\nbreak").build(),
            claims().issuer(ISSUER + "\t").build())) {
      String token = hs(bad, SECRET);
      assertThatThrownBy(() -> hs256.authenticate("Bearer " + token))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageNotContaining("xxxxxxxx");
    }
    assertThat(
            hs256.authenticate("Bearer " + hs(claims().subject("x".repeat(255)).build(), SECRET)))
        .hasSize(255);
    String twoAudiences =
        hs(claims().audience(java.util.List.of(AUDIENCE, "other")).build(), SECRET);
    assertThat(hs256.authenticate("Bearer " + twoAudiences)).isEqualTo("user-42");
  }

  @Test
  void refusesOversizedTokensUnread() throws Exception {
    String huge = hs(claims().claim("pad", "p".repeat(9000)).build(), SECRET);
    assertThatThrownBy(() -> hs256.authenticate("Bearer " + huge))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("longer than 8192");
  }

  @Test
  void anUnreachableJwksIsAnOutageNotBadCredentialsOnEveryCallAndIsLoggedOnce() throws Exception {
    int deadPort = Ports.unused();
    AppUserAuthenticator authenticator =
        new AppUserAuthenticator(
            JwtSettings.jwks(
                URI.create("http://127.0.0.1:" + deadPort + "/jwks.json"), ISSUER, AUDIENCE));
    String rs = sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims().build());
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger log = (Logger) LoggerFactory.getLogger(AppUserAuthenticator.class);
    logs.start();
    log.addAppender(logs);
    try {
      // the first call fetches and fails; the next ones are refused a refetch by the rate
      // limiter, which must still read as the outage (503), never as a bad token (401)
      for (int call = 0; call < 10; call++) {
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + rs))
            .as("call %d", call)
            .isInstanceOf(JwksUnavailableException.class);
      }
    } finally {
      log.detachAppender(logs);
    }
    assertThat(logs.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.ERROR);
              assertThat(event.getFormattedMessage())
                  .contains("the JWKS could not be fetched")
                  .doesNotContain(rs.substring(rs.lastIndexOf('.')));
            });
  }

  @Test
  void anUnknownKeyIdWithTheJwksUpIsBadCredentialsEvenWhenTheRefetchIsRateLimited()
      throws Exception {
    URI jwks = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json");
    AppUserAuthenticator authenticator =
        new AppUserAuthenticator(JwtSettings.jwks(jwks, ISSUER, AUDIENCE));
    String known = sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims().build());
    assertThat(authenticator.authenticate("Bearer " + known)).isEqualTo("user-42");
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
    String unknown =
        sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-unknown", claims().build());
    for (int call = 0; call < 5; call++) {
      assertThatThrownBy(() -> authenticator.authenticate("Bearer " + unknown))
          .as("call %d", call)
          .isInstanceOf(UnauthorizedException.class);
    }
    assertThat(authenticator.authenticate("Bearer " + known)).isEqualTo("user-42");
  }

  @Test
  void theOutageGraceEndsAndThenTheAnswerIsTheOutage() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();
    HttpServer flaky = flakyJwks(down, new java.util.concurrent.atomic.AtomicInteger());
    try {
      URI url = URI.create("http://127.0.0.1:" + flaky.getAddress().getPort() + "/jwks.json");
      AppUserAuthenticator shortGrace =
          new AppUserAuthenticator(
              JwtSettings.jwks(url, ISSUER, AUDIENCE),
              new JwksPolicy(Duration.ofMillis(1), Duration.ofMillis(300)));
      String rs = sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims().build());
      assertThat(shortGrace.authenticate("Bearer " + rs)).isEqualTo("user-42");
      down.set(true);
      // the keys fetched last keep working for the grace, then the outage shows as 503
      Await.until(
          "the grace to end",
          Duration.ofSeconds(20),
          () -> {
            try {
              shortGrace.authenticate("Bearer " + rs);
              return false;
            } catch (JwksUnavailableException outage) {
              return true;
            }
          });
      assertThatThrownBy(() -> shortGrace.authenticate("Bearer " + rs))
          .isInstanceOf(JwksUnavailableException.class);
      down.set(false);
      Await.until(
          "the JWKS to be used again",
          Duration.ofSeconds(20),
          () -> {
            try {
              return shortGrace.authenticate("Bearer " + rs).equals("user-42");
            } catch (JwksUnavailableException stillDown) {
              return false;
            }
          });
    } finally {
      flaky.stop(0);
    }
  }

  private static HttpServer flakyJwks(
      java.util.concurrent.atomic.AtomicBoolean down,
      java.util.concurrent.atomic.AtomicInteger fetches)
      throws java.io.IOException {
    byte[] jwks = new JWKSet(rsaKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    HttpServer flaky = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    flaky.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          if (down.get()) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
          }
          exchange.close();
        });
    flaky.start();
    return flaky;
  }

  @Test
  void theLastGoodKeysServeDuringAnOutageGraceOnly() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger fetches =
        new java.util.concurrent.atomic.AtomicInteger();
    HttpServer flaky = flakyJwks(down, fetches);
    try {
      URI url = URI.create("http://127.0.0.1:" + flaky.getAddress().getPort() + "/jwks.json");
      // a 1 ms cache: every call after the first refetches, so the outage is seen at once
      AppUserAuthenticator withGrace =
          new AppUserAuthenticator(
              JwtSettings.jwks(url, ISSUER, AUDIENCE),
              new JwksPolicy(Duration.ofMillis(1), Duration.ofHours(1)));
      AppUserAuthenticator withoutGrace =
          new AppUserAuthenticator(
              JwtSettings.jwks(url, ISSUER, AUDIENCE),
              new JwksPolicy(Duration.ofMillis(1), Duration.ZERO));
      String rs = sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS256, "rsa-1", claims().build());
      assertThat(withGrace.authenticate("Bearer " + rs)).isEqualTo("user-42");
      assertThat(withoutGrace.authenticate("Bearer " + rs)).isEqualTo("user-42");
      down.set(true);
      int before = fetches.get();
      // wait (without sleeping a fixed time) until both caches have certainly expired
      long start = System.nanoTime();
      while (System.nanoTime() - start < 5_000_000L) {
        Thread.onSpinWait();
      }
      assertThat(withGrace.authenticate("Bearer " + rs)).isEqualTo("user-42");
      assertThatThrownBy(() -> withoutGrace.authenticate("Bearer " + rs))
          .isInstanceOf(JwksUnavailableException.class);
      assertThat(fetches.get()).isGreaterThan(before);
    } finally {
      flaky.stop(0);
    }
  }
}
