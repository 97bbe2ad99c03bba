package dev.terraauth.spring;

import dev.terraauth.core.client.CallObserver;
import dev.terraauth.core.client.RetryPolicy;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Setting;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.webhook.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Credentials, the auth client and the webhook verifier for {@code terra.environment}. Every bean
 * backs off when the application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(TerraProperties.class)
public class TerraAutoConfiguration {

  /**
   * The loader, reading the same sources as the CLI in the same order. System properties and
   * environment variables are taken from Spring's environment (normally exactly the process's), so
   * tests can replace them.
   *
   * @param properties the {@code terra.*} settings
   * @param environment Spring's environment
   * @return the loader
   */
  @Bean
  @ConditionalOnMissingBean
  public CredentialsLoader terraCredentialsLoader(
      TerraProperties properties, ConfigurableEnvironment environment) {
    Environment terra = terraEnvironment(properties);
    CredentialsLoader.Builder builder =
        CredentialsLoader.builder()
            .environmentVariables(
                source(environment, StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
            .systemProperties(
                properties(
                    source(
                        environment, StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)))
            .configDirectory(properties.configDir())
            .secretsDirectory(properties.secretsDir());
    if (properties.apiUrl() != null) {
      builder.explicit(terra, Setting.API_URL, properties.apiUrl().toString());
    }
    if (properties.widgetSessionUrl() != null) {
      builder.explicit(terra, Setting.WIDGET_SESSION_URL, properties.widgetSessionUrl().toString());
    }
    return builder.build();
  }

  /**
   * The credentials of {@code terra.environment}.
   *
   * @param loader the loader
   * @param properties the {@code terra.*} settings
   * @return the credentials
   * @throws ConfigException naming every missing or malformed value and every place looked
   */
  @Bean
  @ConditionalOnMissingBean
  public TerraCredentials terraCredentials(CredentialsLoader loader, TerraProperties properties) {
    return loader.load(terraEnvironment(properties));
  }

  /**
   * The one auth client of the application.
   *
   * @param credentials the credentials
   * @param properties the {@code terra.client.*} settings
   * @param observer told about every call (Micrometer's {@code terra.client.calls} timer when
   *     Micrometer is present)
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  public TerraAuthClient terraAuthClient(
      TerraCredentials credentials,
      TerraProperties properties,
      ObjectProvider<CallObserver> observer) {
    TerraProperties.Client client = properties.client();
    return TerraAuthClient.builder()
        .credentials(credentials)
        .observer(observer.getIfUnique(() -> CallObserver.NONE))
        .connectTimeout(client.connectTimeout())
        .requestTimeout(client.requestTimeout())
        .callTimeout(client.callTimeout())
        .retryPolicy(
            new RetryPolicy(
                client.maxAttempts(),
                client.initialBackoff(),
                client.maxBackoff(),
                client.maxRetryAfter()))
        .build();
  }

  /**
   * The verifier over every signing-secret generation of the environment.
   *
   * @param loader the loader
   * @param properties the {@code terra.webhook.*} settings
   * @return the verifier
   * @throws ConfigException when no signing secret is configured (set {@code
   *     terra.webhook.enabled=false} in an app that receives no webhooks)
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = "terra.webhook.enabled", matchIfMissing = true)
  public WebhookVerifier terraWebhookVerifier(
      CredentialsLoader loader, TerraProperties properties) {
    return WebhookVerifier.builder()
        .secrets(loader.signingSecrets(terraEnvironment(properties)))
        .tolerance(properties.webhook().tolerance())
        .build();
  }

  /** Times client calls as {@code terra.client.calls} (tags operation, outcome, environment). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class ClientMetrics {
    // The registry is looked up per call: it may be defined after this configuration.
    @Bean
    @ConditionalOnMissingBean
    CallObserver terraCallObserver(
        ObjectProvider<MeterRegistry> registry, TerraProperties properties) {
      String environment = terraEnvironment(properties).id();
      return (operation, outcome, elapsed) ->
          registry.ifAvailable(
              meters ->
                  Timer.builder("terra.client.calls")
                      .description("Calls to Terra's API, retries included")
                      .tag("operation", operation)
                      .tag("outcome", outcome)
                      .tag("environment", environment)
                      .register(meters)
                      .record(elapsed));
    }
  }

  static Environment terraEnvironment(TerraProperties properties) {
    if (properties.environment() == null || properties.environment().isBlank()) {
      throw new ConfigException(
          "terra.environment is not set: set it to testing, staging, production or local"
              + " (local is the emulator and needs no credentials)");
    }
    return Environment.parse(properties.environment());
  }

  private static Map<String, String> source(ConfigurableEnvironment environment, String name) {
    PropertySource<?> source = environment.getPropertySources().get(name);
    Map<String, String> values = new HashMap<>();
    if (source != null && source.getSource() instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (key != null && value != null) {
              values.put(key.toString(), value.toString());
            }
          });
    }
    return values;
  }

  private static Properties properties(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    return properties;
  }
}
