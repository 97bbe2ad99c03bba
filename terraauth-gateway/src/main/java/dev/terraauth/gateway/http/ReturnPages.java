package dev.terraauth.gateway.http;

import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.SessionStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The widget's success and failure redirect targets. Their query parameters are unauthenticated, so
 * they are recorded only as a hint; the webhook decides. Then the user goes back to the app with
 * what the redirect said: {@code terra_connection} ({@code success}, {@code failure}, {@code
 * mobile_sdk} or {@code unknown}), and when given {@code terra_provider} and {@code terra_reason}.
 */
public final class ReturnPages {
  /**
   * Where a failure redirect may carry its reason. Terra's parameter name is UNCONFIRMED (contract
   * 6): the first of these present is used.
   */
  public static final List<String> DEFAULT_REASON_PARAMETERS =
      List.of("reason", "error", "error_reason");

  /** What is passed on: short, plain tokens only (they end up on the app's page). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /**
   * The shape of the nonces the gateway puts in its redirect URLs (16 random bytes in hex);
   * anything else is unknown without a lookup (a NUL in it was a 500 on PostgreSQL).
   */
  private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");

  private final SessionStore sessions;
  private final URI appReturnUrl;
  private final List<String> reasonParameters;

  public ReturnPages(SessionStore sessions, URI appReturnUrl) {
    this(sessions, appReturnUrl, DEFAULT_REASON_PARAMETERS);
  }

  public ReturnPages(SessionStore sessions, URI appReturnUrl, List<String> reasonParameters) {
    this.sessions = sessions;
    this.appReturnUrl = appReturnUrl;
    this.reasonParameters = List.copyOf(reasonParameters);
  }

  public void success(Context ctx) {
    back(ctx, "success");
  }

  public void failure(Context ctx) {
    back(ctx, "failure");
  }

  private void back(Context ctx, String outcome) {
    String nonce = ctx.queryParam("s");
    Optional<AuthSession> session =
        nonce == null || !NONCE.matcher(nonce).matches()
            ? Optional.empty()
            : sessions.findByNonce(nonce);
    String userIdHint = ctx.queryParam("user_id");
    boolean noUser = userIdHint == null || userIdHint.isEmpty() || userIdHint.equals("null");
    if (noUser
        || userIdHint.length() > 128
        || userIdHint.chars().anyMatch(Character::isISOControl)) {
      userIdHint = null; // a hint only: one that cannot be a Terra user id is dropped
    }
    // Terra sends mobile-SDK sources (Apple Health, ...) to the success URL with a null user_id:
    // they finish in the app's SDK, never in the browser (contract 6).
    String said = outcome.equals("success") && noUser ? "mobile_sdk" : outcome;
    if (session.isPresent()) {
      sessions.recordRedirectHint(nonce, said, userIdHint);
    }
    String target =
        session
            .map(AuthSession::returnUrl)
            .filter(url -> url != null)
            .orElse(appReturnUrl.toString());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("terra_connection", session.isPresent() ? said : "unknown");
    plain(ctx.queryParam("resource")).ifPresent(provider -> params.put("terra_provider", provider));
    if (outcome.equals("failure")) {
      reason(ctx).ifPresent(reason -> params.put("terra_reason", reason));
    }
    StringBuilder location = new StringBuilder(target);
    char separator = target.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      location
          .append(separator)
          .append(param.getKey())
          .append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    ctx.redirect(location.toString(), HttpStatus.SEE_OTHER);
  }

  private Optional<String> reason(Context ctx) {
    for (String name : reasonParameters) {
      Optional<String> value = plain(ctx.queryParam(name));
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> plain(String value) {
    return value != null && PLAIN.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }
}
