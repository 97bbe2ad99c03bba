package dev.terraauth.cli.scan;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
   * Everything configured for every environment; incomplete environments are skipped.
   *
   * @param credentials the root command's accessor; throws {@link ConfigException} when missing
   * @param signingSecrets the root command's signing-secret accessor
   */
  static KnownCredentials load(
      Function<Environment, TerraCredentials> credentials,
      Function<Environment, List<SigningSecret>> signingSecrets) {
    List<Known> known = new ArrayList<>();
    for (Environment environment : Environment.values()) {
      if (environment == Environment.LOCAL) {
        continue; // the emulator's built-in credentials are public on purpose
      }
      String prefix = "TERRA_" + environment.variablePart() + "_";
      String fileName = ".env.terra." + environment.id();
      try {
        TerraCredentials configured = credentials.apply(environment);
        known.add(
            new Known(
                Rule.API_KEY, environment, configured.apiKey(), prefix + "API_KEY or " + fileName));
      } catch (ConfigException incomplete) {
        // nothing configured for this environment: nothing to recognise
      }
      try {
        for (SigningSecret secret : signingSecrets.apply(environment)) {
          known.add(
              new Known(
                  Rule.WEBHOOK_SECRET,
                  environment,
                  secret.secret(),
                  prefix + "WEBHOOK_SECRET or " + fileName));
        }
      } catch (ConfigException incomplete) {
        // no signing secret configured
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
