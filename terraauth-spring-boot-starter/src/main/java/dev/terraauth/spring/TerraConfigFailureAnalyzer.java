package dev.terraauth.spring;

import dev.terraauth.core.error.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a credentials problem at start-up into Spring Boot's plain description-and-action report.
 */
final class TerraConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    return new FailureAnalysis(
        "Terra credentials are not usable: " + cause.getMessage(),
        "Set the missing values in one of the places listed (they are never read from"
            + " application properties), choose another terra.environment, or set"
            + " terra.webhook.enabled=false if this application receives no webhooks.",
        cause);
  }
}
