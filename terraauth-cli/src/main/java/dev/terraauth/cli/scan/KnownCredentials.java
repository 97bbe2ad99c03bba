package dev.terraauth.cli.scan;

import dev.terraauth.core.config.ConfigurationSnapshot;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.EnvironmentReport;
import dev.terraauth.core.config.ResolvedSigningSecret;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * The credentials configured on this machine, so a finding can say "this is your production API
 * key". Matched by fingerprint first, then confirmed by a constant-time comparison.
 */
final class KnownCredentials {
  /** One configured secret and where it came from (safe to print). */
  record Known(Rule rule, Environment environment, Secret secret, String source) {
    String describe() {
      String what = rule == Rule.API_KEY ? "API key" : "webhook signing secret";
      return "this is the " + environment.id() + " " + what + " configured in " + source;
    }
  }

  private final List<Known> known;

  KnownCredentials(List<Known> known) {
    this.known = List.copyOf(known);
  }

  static KnownCredentials none() {
    return new KnownCredentials(List.of());
  }

  /**
   * Everything configured for every environment except the emulator's public {@code local}
   * defaults, with where each value came from ({@code .env.terra.production:3}, {@code env
   * TERRA_PRODUCTION_API_KEY}). Incomplete environments still contribute what they have.
   */
  static KnownCredentials load(CredentialsLoader loader) {
    List<Known> known = new ArrayList<>();
    ConfigurationSnapshot configuration = loader.snapshot(); // values only: no git-ignore guard
    for (Environment environment : Environment.values()) {
      if (environment == Environment.LOCAL) {
        continue; // the emulator's built-in credentials are public on purpose
      }
      EnvironmentReport report = configuration.report(environment); // problems do not throw
      report
          .value(Setting.API_KEY)
          .ifPresent(
              apiKey ->
                  known.add(
                      new Known(
                          Rule.API_KEY,
                          environment,
                          apiKey.value(),
                          apiKey.origin().description())));
      for (ResolvedSigningSecret secret : report.signingSecrets()) {
        known.add(
            new Known(
                Rule.WEBHOOK_SECRET,
                environment,
                secret.signingSecret().secret(),
                secret.origin().description()));
      }
    }
    return new KnownCredentials(known);
  }

  /** The description of the configured credential equal to the value, or null. */
  String match(String fingerprint, String value) {
    for (Known candidate : known) {
      if (candidate.secret().fingerprint().equals(fingerprint)
          && candidate.secret().matches(value)) {
        return candidate.describe();
      }
    }
    return null;
  }
}
