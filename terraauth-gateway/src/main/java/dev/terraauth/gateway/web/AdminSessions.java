package dev.terraauth.gateway.web;

import dev.terraauth.core.config.Secret;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dashboard sign-in: the admin token is exchanged once for a session cookie, so it never travels
 * again (and never in a URL). The cookie is stateless, {@code v1.<expiry>.<nonce>.<mac>}, with an
 * HMAC keyed from the admin token: every instance sharing the token accepts it, and changing the
 * token signs everyone out. Each session's CSRF token is derived from its nonce. Thread-safe.
 */
public final class AdminSessions {
  public static final String COOKIE = "terraauth_admin";

  /** The pre-session cookie that protects the sign-in form itself (double submit). */
  public static final String SIGN_IN_COOKIE = "terraauth_admin_signin";

  public static final String CSRF_FIELD = "_csrf";
  public static final Duration LIFETIME = Duration.ofHours(8);
  static final String PATH = "/admin";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  private static final int MAX_COOKIE_CHARS = 200;

  /** Signed-out sessions refused until they expire; beyond this many, the oldest are forgotten. */
  private static final int MAX_SIGNED_OUT = 10_000;

  private final byte[] key;
  private final boolean secureCookies;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> signedOut =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_SIGNED_OUT;
        }
      };

  /** One signed-in operator: {@code csrf} goes into every form the dashboard renders. */
  public record Session(String nonce, long expiresAtMs, String csrf) {}

  /**
   * @param secureCookies whether cookies carry {@code Secure} (everywhere but {@code local}, which
   *     may run on plain http://127.0.0.1)
   */
  public AdminSessions(Secret adminToken, boolean secureCookies, Clock clock) {
    this.key = hmac(adminToken.revealBytes(), "terraauth admin session key v1");
    this.secureCookies = secureCookies;
    this.clock = clock;
  }

  /** Starts a session: sets the cookie and drops the sign-in cookie. */
  public Session signIn(Context ctx) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String nonce = B64.encodeToString(bytes);
    long expiresAtMs = clock.millis() + LIFETIME.toMillis();
    String payload = "v1." + expiresAtMs + "." + nonce;
    String value = payload + "." + B64.encodeToString(hmac(key, payload));
    ctx.cookie(cookie(COOKIE, value, (int) LIFETIME.toSeconds()));
    ctx.cookie(cookie(SIGN_IN_COOKIE, "", 0));
    return session(nonce, expiresAtMs);
  }

  /** The session of this request's cookie, when it is authentic, unexpired and not signed out. */
  public Optional<Session> current(Context ctx) {
    String value = ctx.cookie(COOKIE);
    if (value == null || value.length() > MAX_COOKIE_CHARS) {
      return Optional.empty();
    }
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("v1")) {
      return Optional.empty();
    }
    String payload = parts[0] + "." + parts[1] + "." + parts[2];
    byte[] presented;
    long expiresAtMs;
    try {
      presented = B64_DECODE.decode(parts[3]);
      expiresAtMs = Long.parseLong(parts[1]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(hmac(key, payload), presented)
        || clock.millis() >= expiresAtMs
        || isSignedOut(parts[2])) {
      return Optional.empty();
    }
    return Optional.of(session(parts[2], expiresAtMs));
  }

  /** Whether {@code presented} is this session's CSRF token (constant time). */
  public boolean csrfMatches(Session session, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            session.csrf().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Ends the session here and everywhere this instance is asked about it. */
  public void signOut(Context ctx, Session session) {
    synchronized (signedOut) {
      signedOut.put(session.nonce(), session.expiresAtMs());
    }
    ctx.cookie(cookie(COOKIE, "", 0));
  }

  /** The sign-in form's token: a fresh random value in a cookie and in the form (double submit). */
  public String signInToken(Context ctx) {
    String existing = ctx.cookie(SIGN_IN_COOKIE);
    if (existing != null && existing.length() == 24 && existing.matches("[A-Za-z0-9_-]+")) {
      return existing;
    }
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String token = B64.encodeToString(bytes);
    ctx.cookie(cookie(SIGN_IN_COOKIE, token, 600));
    return token;
  }

  /** Whether the sign-in form came back with the token its cookie holds. */
  public boolean signInTokenMatches(Context ctx, String presented) {
    String expected = ctx.cookie(SIGN_IN_COOKIE);
    return expected != null
        && !expected.isEmpty()
        && presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private boolean isSignedOut(String nonce) {
    synchronized (signedOut) {
      long now = clock.millis();
      signedOut.values().removeIf(expiry -> expiry <= now);
      return signedOut.containsKey(nonce);
    }
  }

  private Session session(String nonce, long expiresAtMs) {
    return new Session(nonce, expiresAtMs, B64.encodeToString(hmac(key, "csrf." + nonce)));
  }

  private Cookie cookie(String name, String value, int maxAgeSeconds) {
    return new Cookie(name, value, PATH, maxAgeSeconds, secureCookies, true, null, SameSite.STRICT);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
