package dev.terraauth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.terraauth.core.config.Secret;
import java.time.Instant;
import java.util.Date;

/**
 * Coverage-guided fuzzing of the JWT-extraction path: {@code Authorization} header to user id
 * (corpus in src/test/resources/dev/terraauth/gateway/auth/BearerTokenFuzzTestInputs). The
 * contract: any header is a user id or an {@link UnauthorizedException}, nothing else escapes, and
 * a token edited in any way is never accepted (no malleability).
 */
class BearerTokenFuzzTest {
  private static final Secret SECRET = Secret.of("fake-hs256-secret-for-fuzzing-0000-0000-0000");
  private static final AppUserAuthenticator AUTHENTICATOR =
      new AppUserAuthenticator(JwtSettings.hs256(SECRET, "https://app.example", "gateway"));
  private static final String VALID = sign();

  private static String sign() {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              new JWTClaimsSet.Builder()
                  .issuer("https://app.example")
                  .audience("gateway")
                  .subject("user-42")
                  .expirationTime(Date.from(Instant.now().plusSeconds(365L * 24 * 3600)))
                  .build());
      jwt.sign(new MACSigner(SECRET.revealBytes()));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void acceptsOnlyTheUntouchedToken(FuzzedDataProvider data) {
    String header;
    int mode = data.consumeInt(0, 2);
    if (mode == 0) {
      header = data.consumeRemainingAsString(); // anything at all
    } else {
      // an edit of a valid token: insert or replace characters at fuzzer-chosen positions
      StringBuilder token = new StringBuilder(VALID);
      int edits = data.consumeInt(1, 4);
      for (int i = 0; i < edits && token.length() > 0; i++) {
        int position = data.consumeInt(0, token.length() - 1);
        char character = data.consumeChar();
        if (mode == 1) {
          token.insert(position, character);
        } else {
          token.setCharAt(position, character);
        }
      }
      header = "Bearer " + token;
    }
    String userId;
    try {
      userId = AUTHENTICATOR.authenticate(header);
    } catch (UnauthorizedException refused) {
      assertThat(refused.getMessage()).doesNotContain(VALID.substring(VALID.lastIndexOf('.')));
      return;
    }
    assertThat(userId).isEqualTo("user-42");
    assertThat(header.strip()).endsWith(VALID);
    assertThat(header.strip().split("\\s+", 2)[1]).isEqualTo(VALID);
  }
}
