package dev.terraauth.spring;

import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.VerifiedWebhook;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Hands a verified event to every matching {@link TerraWebhookListener} method, then (optionally)
 * publishes it as a {@link TerraWebhookReceived} application event. Synchronous: the first listener
 * that throws stops the dispatch and fails the delivery, so Terra retries it.
 */
public final class TerraWebhookDispatcher {
  private final TerraWebhookListenerRegistrar registrar;
  private final ApplicationEventPublisher publisher;
  private final boolean publishApplicationEvents;

  TerraWebhookDispatcher(
      TerraWebhookListenerRegistrar registrar,
      ApplicationEventPublisher publisher,
      boolean publishApplicationEvents) {
    this.registrar = registrar;
    this.publisher = publisher;
    this.publishApplicationEvents = publishApplicationEvents;
  }

  /**
   * Dispatches one delivery.
   *
   * @param webhook the verified delivery
   * @param event its parsed event
   * @return how many listener methods received it
   * @throws TerraWebhookListenerException wrapping what a listener threw
   */
  public int dispatch(VerifiedWebhook webhook, WebhookEvent event) {
    int called = 0;
    for (ListenerMethod listener : registrar.listeners()) {
      if (listener.accepts(event)) {
        try {
          listener.invoke(webhook, event);
        } catch (Exception failure) {
          throw new TerraWebhookListenerException(listener.describe(), event.type(), failure);
        }
        called++;
      }
    }
    if (publishApplicationEvents) {
      try {
        publisher.publishEvent(new TerraWebhookReceived(this, webhook, event));
      } catch (RuntimeException failure) {
        throw new TerraWebhookListenerException("an @EventListener", event.type(), failure);
      }
    }
    return called;
  }
}
