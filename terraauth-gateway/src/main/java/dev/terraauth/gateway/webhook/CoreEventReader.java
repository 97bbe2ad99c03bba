package dev.terraauth.gateway.webhook;

import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.event.AccessRevokedEvent;
import dev.terraauth.core.event.AuthFailureEvent;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.ConnectionErrorEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.event.PermissionChangeEvent;
import dev.terraauth.core.event.UserReauthEvent;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.event.WebhookEventParser;
import dev.terraauth.core.user.TerraUser;

/** Reads events with core's {@link WebhookEventParser} and maps them to {@link AuthEvent}s. */
public final class CoreEventReader implements AuthEventReader {
  @Override
  public AuthEvent read(byte[] verifiedBody) {
    WebhookEvent event;
    try {
      event = WebhookEventParser.parse(verifiedBody);
    } catch (WebhookVerificationException e) {
      throw new IllegalArgumentException("not a Terra event", e);
    }
    return map(event);
  }

  static AuthEvent map(WebhookEvent event) {
    if (event instanceof AuthSuccessEvent e) {
      return new AuthEvent.Authenticated(user(e.user()), e.widgetSessionId());
    } else if (event instanceof AuthFailureEvent e) {
      String reference =
          e.referenceId() != null || e.deletedUser() == null
              ? e.referenceId()
              : e.deletedUser().referenceId();
      return new AuthEvent.AuthFailed(e.type(), reference, e.widgetSessionId(), e.reason());
    } else if (event instanceof DeauthEvent e) {
      return new AuthEvent.Deauthenticated(user(e.user()));
    } else if (event instanceof AccessRevokedEvent e) {
      return new AuthEvent.AccessRevoked(user(e.user()));
    } else if (event instanceof ConnectionErrorEvent e) {
      return new AuthEvent.ConnectionErrored(user(e.user()));
    } else if (event instanceof PermissionChangeEvent e) {
      return new AuthEvent.PermissionChanged(
          user(e.user()), String.join(",", e.scopesAdded()), String.join(",", e.scopesRemoved()));
    } else if (event instanceof UserReauthEvent e) {
      return new AuthEvent.Reauthenticated(
          user(e.newUser()), e.oldUser() == null ? null : user(e.oldUser()));
    }
    return new AuthEvent.Other(event.type());
  }

  private static AuthEvent.User user(TerraUser user) {
    return new AuthEvent.User(user.userId(), user.provider(), user.referenceId(), user.scopes());
  }
}
