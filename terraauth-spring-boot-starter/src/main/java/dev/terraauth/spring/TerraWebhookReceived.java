package dev.terraauth.spring;

import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.VerifiedWebhook;
import org.springframework.context.ApplicationEvent;

/**
 * Published for every verified webhook after the {@link TerraWebhookListener} methods ran, for apps
 * that prefer {@code @EventListener}. Listeners run synchronously: an exception makes the endpoint
 * answer 500 so that Terra retries.
 */
public final class TerraWebhookReceived extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  private final transient VerifiedWebhook webhook;
  private final transient WebhookEvent event;

  /**
   * An event for a verified delivery.
   *
   * @param source the publisher
   * @param webhook the verified delivery
   * @param event its parsed event
   */
  public TerraWebhookReceived(Object source, VerifiedWebhook webhook, WebhookEvent event) {
    super(source);
    this.webhook = webhook;
    this.event = event;
  }

  /**
   * The verified delivery: body, delivery headers and which signing secret matched.
   *
   * @return the delivery
   */
  public VerifiedWebhook webhook() {
    return webhook;
  }

  /**
   * The typed event of the delivery.
   *
   * @return the event
   */
  public WebhookEvent event() {
    return event;
  }
}
