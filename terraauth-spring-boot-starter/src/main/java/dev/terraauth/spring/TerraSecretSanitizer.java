package dev.terraauth.spring;

import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks Terra secrets in {@code /actuator/env} and {@code /actuator/configprops}, also when an
 * application sets {@code show-values=always}: every property named like a Terra API key, signing
 * secret or token ({@code TERRA_PRODUCTION_API_KEY}, {@code terra.testing.webhook-secret.2}), and
 * any property, whatever its name, whose value is or contains one of the configured secrets.
 */
final class TerraSecretSanitizer implements SanitizingFunction {
  private final ObjectProvider<TerraCredentials> credentials;

  TerraSecretSanitizer(ObjectProvider<TerraCredentials> credentials) {
    this.credentials = credentials;
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    if (data.getValue() == null) {
      return data;
    }
    if (isTerraSecretName(data.getKey()) || isConfiguredSecret(data.getValue().toString())) {
      return data.withValue(SanitizableData.SANITIZED_VALUE);
    }
    return data;
  }

  static boolean isTerraSecretName(String key) {
    if (key == null) {
      return false;
    }
    String name = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    return name.startsWith("TERRA_")
        && (name.contains("KEY") || name.contains("SECRET") || name.contains("TOKEN"));
  }

  /**
   * Whether the value is or contains one of the configured secrets: alone, padded, in a
   * comma-separated list of generations, or inside a larger value such as {@code
   * SPRING_APPLICATION_JSON} or the {@code sun.java.command} line of an app started with a secret
   * among its arguments.
   */
  private boolean isConfiguredSecret(String value) {
    TerraCredentials configured = credentials.getIfAvailable();
    if (configured == null) {
      return false;
    }
    List<Secret> secrets = new ArrayList<>();
    secrets.add(configured.apiKey());
    configured.signingSecrets().stream().map(SigningSecret::secret).forEach(secrets::add);
    for (Secret secret : secrets) {
      // reveal(): only to search for the secret in a value about to be shown; it is not kept.
      if (value.contains(secret.reveal())) {
        return true;
      }
    }
    return false;
  }
}
