package dev.terraauth.spring;

import dev.terraauth.core.webhook.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The listener registry and dispatcher (any application), and in a servlet web application the
 * webhook endpoint at {@code terra.webhook.path}.
 */
@AutoConfiguration(after = TerraAutoConfiguration.class)
@ConditionalOnProperty(name = "terra.webhook.enabled", matchIfMissing = true)
public class TerraWebhookAutoConfiguration {

  /**
   * Finds {@link TerraWebhookListener} methods; static so that it sees every bean.
   *
   * @return the registrar
   */
  @Bean
  static TerraWebhookListenerRegistrar terraWebhookListenerRegistrar() {
    return new TerraWebhookListenerRegistrar();
  }

  /**
   * The dispatcher, also usable by an application that receives webhooks some other way.
   *
   * @param registrar the listener methods
   * @param publisher where {@link TerraWebhookReceived} events go
   * @param properties the settings
   * @return the dispatcher
   */
  @Bean
  @ConditionalOnMissingBean
  public TerraWebhookDispatcher terraWebhookDispatcher(
      TerraWebhookListenerRegistrar registrar,
      ApplicationEventPublisher publisher,
      TerraProperties properties) {
    return new TerraWebhookDispatcher(
        registrar, publisher, properties.webhook().publishApplicationEvents());
  }

  /** The endpoint, in servlet web applications with Spring MVC. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(DispatcherServlet.class)
  @ConditionalOnBean(WebhookVerifier.class)
  static class Endpoint {
    @Bean
    TerraWebhookController terraWebhookController(
        WebhookVerifier verifier,
        TerraWebhookDispatcher dispatcher,
        ObjectProvider<TerraWebhookDeduplicator> deduplicator,
        ObjectProvider<WebhookTimings> timings,
        TerraProperties properties) {
      TerraWebhookReceiver receiver =
          new TerraWebhookReceiver(
              verifier,
              dispatcher,
              Optional.ofNullable(deduplicator.getIfUnique()),
              timings.getIfAvailable(() -> WebhookTimings.NONE));
      return new TerraWebhookController(receiver, properties.webhook().maxBodySize().toBytes());
    }
  }

  /** Verification timings as the {@code terra.webhook.verification} timer. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Metrics {
    // Looked up per delivery: the registry may be defined after this configuration.
    @Bean
    WebhookTimings terraWebhookTimings(ObjectProvider<MeterRegistry> registry) {
      return (outcome, elapsed) ->
          registry.ifAvailable(
              meters ->
                  Timer.builder("terra.webhook.verification")
                      .description("Verification of Terra webhook signatures")
                      .tag("outcome", outcome)
                      .register(meters)
                      .record(elapsed));
    }
  }
}
