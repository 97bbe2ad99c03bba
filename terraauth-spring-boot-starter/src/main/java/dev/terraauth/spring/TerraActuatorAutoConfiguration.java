package dev.terraauth.spring;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.TerraCredentials;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** With Actuator: the {@code terra} health indicator and the masking of Terra secrets. */
@AutoConfiguration(after = TerraAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, SanitizingFunction.class})
public class TerraActuatorAutoConfiguration {

  /**
   * The {@code terra} indicator ({@code management.health.terra.enabled=false} turns it off).
   *
   * @param loader the loader
   * @param client the client
   * @param properties the settings
   * @return the indicator
   */
  @Bean(name = "terraHealthIndicator")
  @ConditionalOnMissingBean(name = "terraHealthIndicator")
  @ConditionalOnBean({CredentialsLoader.class, TerraAuthClient.class})
  @ConditionalOnEnabledHealthIndicator("terra")
  public TerraHealthIndicator terraHealthIndicator(
      CredentialsLoader loader, TerraAuthClient client, TerraProperties properties) {
    return new TerraHealthIndicator(
        loader,
        TerraAutoConfiguration.terraEnvironment(properties),
        client,
        properties.health().liveCheck());
  }

  /**
   * Masks Terra secrets in Actuator's env and configprops endpoints.
   *
   * @param credentials the configured credentials, whose secret values are masked wherever seen
   * @return the function
   */
  @Bean
  public SanitizingFunction terraSecretSanitizer(ObjectProvider<TerraCredentials> credentials) {
    return new TerraSecretSanitizer(credentials);
  }
}
