package dev.terraauth.spring;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.EnvironmentReport;
import dev.terraauth.core.config.Problem;
import dev.terraauth.core.error.TerraAuthException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code terra} health indicator: UP when the environment's credentials are complete (read
 * again on every check, so a broken edit of {@code .env.terra.<env>} shows), optionally also
 * calling Terra. Details carry fingerprints and counts, never a value.
 */
public final class TerraHealthIndicator extends AbstractHealthIndicator {
  private final CredentialsLoader loader;
  private final Environment environment;
  private final TerraAuthClient client;
  private final boolean liveCheck;

  /**
   * An indicator for one environment.
   *
   * @param loader the loader the credentials came from
   * @param environment the environment
   * @param client the client, for the live check
   * @param liveCheck whether to call Terra on each check
   */
  public TerraHealthIndicator(
      CredentialsLoader loader,
      Environment environment,
      TerraAuthClient client,
      boolean liveCheck) {
    super("Terra health check failed");
    this.loader = loader;
    this.environment = environment;
    this.client = client;
    this.liveCheck = liveCheck;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    EnvironmentReport report = loader.inspect(environment);
    health.withDetail("environment", environment.id());
    if (!report.errors().isEmpty()) {
      health
          .down()
          .withDetail("credentials", "incomplete")
          .withDetail("problems", report.errors().stream().map(Problem::message).toList());
      return;
    }
    health
        .withDetail("credentials", "complete")
        .withDetail("signingSecrets", report.signingSecrets().size());
    if (!liveCheck) {
      health.up();
      return;
    }
    try {
      client.subscriptions(0, 1);
      health.up().withDetail("terra", "reachable");
    } catch (TerraAuthException failed) {
      health
          .down()
          .withDetail("terra", failed.getClass().getSimpleName() + ": " + failed.getMessage());
    }
  }
}
