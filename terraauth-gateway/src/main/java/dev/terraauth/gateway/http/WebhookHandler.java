package dev.terraauth.gateway.http;

import dev.terraauth.gateway.service.WebhookReceiver;
import dev.terraauth.gateway.webhook.WebhookInbox;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * {@code POST /webhooks/terra}: no app login, the signature is the authentication. 200 only after
 * the delivery is committed; duplicates and unknown types 200 too; refusals 401 (via the error
 * mapper), with nothing stored.
 */
public final class WebhookHandler implements Handler {
  private final WebhookReceiver receiver;

  public WebhookHandler(WebhookReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void handle(Context ctx) {
    WebhookInbox.Receipt receipt = receiver.receive(ctx.bodyAsBytes(), ctx::header);
    ctx.status(200)
        .json(
            Map.of(
                "status", receipt.duplicate() ? "duplicate" : "stored",
                "outcome", receipt.duplicate() ? "unchanged" : receipt.outcome()));
  }
}
