package dev.terraauth.spring.app;

import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.core.webhook.DeliveryMetadata;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.spring.InMemoryWebhookDeduplicator;
import dev.terraauth.spring.TerraWebhookDeduplicator;
import dev.terraauth.spring.TerraWebhookListener;
import dev.terraauth.spring.TerraWebhookReceived;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * A minimal application as a customer would write it: Spring MVC, Spring Security with its default
 * chain, Actuator, and listener beans (the recorder below and the README's {@link Connections}). No
 * component scan, so only what is declared here exists.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(Connections.class)
public class WebhookTestApplication {

  @Bean
  Recorder recorder() {
    return new Recorder();
  }

  @Bean
  TerraWebhookDeduplicator deduplicator() {
    return new InMemoryWebhookDeduplicator(1000);
  }

  /** Records what each kind of listener received; throws for the event type {@code boom}. */
  public static class Recorder {
    public final LinkedBlockingQueue<AuthSuccessEvent> connected = new LinkedBlockingQueue<>();
    public final List<DeauthEvent> disconnected = new CopyOnWriteArrayList<>();
    public final List<String> everyTraceId = new CopyOnWriteArrayList<>();
    public final List<String> everyBody = new CopyOnWriteArrayList<>();
    public final List<WebhookEvent> applicationEvents = new CopyOnWriteArrayList<>();
    public final List<String> applicationEventBodies = new CopyOnWriteArrayList<>();
    public final List<String> typed = new CopyOnWriteArrayList<>();

    @TerraWebhookListener
    void connected(AuthSuccessEvent event) {
      connected.add(event);
    }

    @TerraWebhookListener(DeauthEvent.class)
    void disconnected(WebhookEvent event) {
      disconnected.add((DeauthEvent) event);
    }

    @TerraWebhookListener
    void every(DeliveryMetadata delivery, WebhookEvent event, VerifiedWebhook webhook) {
      everyTraceId.add(String.valueOf(delivery.traceId()));
      everyBody.add(webhook.bodyAsString());
    }

    @TerraWebhookListener(types = {"sleep", "BOOM"})
    void byType(WebhookEvent event) {
      if (event.type().equals("boom")) {
        throw new IllegalStateException("the database is down");
      }
      typed.add(event.type());
    }

    /** Holds a {@code slow} event until {@link #gate} opens. */
    public final CountDownLatch entered = new CountDownLatch(1);

    public final CountDownLatch gate = new CountDownLatch(1);

    @TerraWebhookListener(types = "slow")
    void slow(WebhookEvent event) throws InterruptedException {
      entered.countDown();
      if (!gate.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    }

    @EventListener
    void received(TerraWebhookReceived received) {
      applicationEvents.add(received.event());
      applicationEventBodies.add(received.webhook().bodyAsString());
    }
  }
}
