package dev.terraauth.gateway.http;

import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.SessionStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The widget's success and failure redirect targets. Their query parameters are unauthenticated, so
 * they are recorded only as a hint; the webhook decides. Then the user goes back to the app.
 */
public final class ReturnPages {
  private final SessionStore sessions;
  private final URI appReturnUrl;

  public ReturnPages(SessionStore sessions, URI appReturnUrl) {
    this.sessions = sessions;
    this.appReturnUrl = appReturnUrl;
  }

  public void success(Context ctx) {
    back(ctx, "success");
  }

  public void failure(Context ctx) {
    back(ctx, "failure");
  }

  private void back(Context ctx, String outcome) {
    String nonce = ctx.queryParam("s");
    Optional<AuthSession> session = nonce == null ? Optional.empty() : sessions.findByNonce(nonce);
    String userIdHint = ctx.queryParam("user_id");
    if (userIdHint != null && (userIdHint.equals("null") || userIdHint.length() > 128)) {
      userIdHint = null;
    }
    if (session.isPresent()) {
      sessions.recordRedirectHint(nonce, outcome, userIdHint);
    }
    String target =
        session
            .map(AuthSession::returnUrl)
            .filter(url -> url != null)
            .orElse(appReturnUrl.toString());
    String separator = target.contains("?") ? "&" : "?";
    ctx.redirect(
        target
            + separator
            + "terra_connection="
            + URLEncoder.encode(session.isPresent() ? outcome : "unknown", StandardCharsets.UTF_8),
        HttpStatus.SEE_OTHER);
  }
}
