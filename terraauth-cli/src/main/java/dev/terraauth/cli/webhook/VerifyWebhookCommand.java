package dev.terraauth.cli.webhook;

import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.Specs;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.config.ConfigurationSnapshot;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.ResolvedSigningSecret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.TerraAuthException;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import dev.terraauth.core.webhook.SignatureHeader;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code terra-auth webhook verify}: checks a saved body against its signature header with the
 * environment's secrets; says which secret matched or exactly why it failed, and whether another
 * environment's secret would have matched.
 */
final class VerifyWebhookCommand implements Callable<Integer> {
  /** Failures that happen only after a signature matched. */
  private static final Set<Reason> SIGNATURE_MATCHED =
      EnumSet.of(Reason.STALE_TIMESTAMP, Reason.FUTURE_TIMESTAMP, Reason.MILLISECOND_TIMESTAMP);

  private final WebhookCommand parent;

  private CommandSpec spec;

  private final Specs.Value<Path> body = new Specs.Value<>();

  private final Specs.Value<String> signature = new Specs.Value<>();

  private final Specs.Value<Long> at = new Specs.Value<>();

  private final Specs.Value<Long> toleranceSeconds = new Specs.Value<>();

  private final Specs.Value<Boolean> json = new Specs.Value<>();

  private VerifyWebhookCommand(WebhookCommand parent) {
    this.parent = parent;
  }

  /** The picocli model, built in code: see {@link Specs}. */
  static CommandSpec spec(WebhookCommand parent) {
    VerifyWebhookCommand command = new VerifyWebhookCommand(parent);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("verify");
    command.spec = spec;
    spec.usageMessage()
        .description(
            "Check a saved webhook body against its signature header.",
            "Tries every rotation generation of the environment's signing secrets, says",
            "which matched or exactly why it failed, and whether another environment's",
            "secret signed it. Exit 0 valid, 1 invalid, 2 usage or configuration error.");
    spec.addOption(Specs.helpOption());
    spec.addOption(Specs.versionOption());
    spec.addOption(
        OptionSpec.builder("--body")
            .required(true)
            .paramLabel("FILE")
            .type(Path.class)
            .description("Raw body exactly as received (- for standard input).")
            .setter(command.body)
            .getter(command.body)
            .build());
    spec.addOption(
        OptionSpec.builder("--signature")
            .required(true)
            .paramLabel("HEADER")
            .type(String.class)
            .description(
                "The header value, e.g. 't=1723808700,v1=a5ee...' (a pasted",
                "'X-Terra-Signature: ' or 'terra-signature: ' prefix is ignored).")
            .setter(command.signature)
            .getter(command.signature)
            .build());
    spec.addOption(
        OptionSpec.builder("--at")
            .paramLabel("T")
            .type(Long.class)
            .description(
                "Check the timestamp as of these Unix seconds instead of now (old deliveries).")
            .setter(command.at)
            .getter(command.at)
            .build());
    spec.addOption(
        OptionSpec.builder("--tolerance")
            .paramLabel("SECONDS")
            .type(long.class)
            .initialValue(0L)
            .defaultValue("300")
            .description(
                "Accepted clock difference in both directions (1..86400, default"
                    + " ${DEFAULT-VALUE}).")
            .setter(command.toleranceSeconds)
            .getter(command.toleranceSeconds)
            .build());
    spec.addOption(
        OptionSpec.builder("--json")
            .type(boolean.class)
            .initialValue(false)
            .description(
                "Print one JSON object: {valid, environment, secret, signed_at, age_seconds, note}"
                    + " or {valid: false, reason, message, hints}.")
            .setter(command.json)
            .getter(command.json)
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    Environment environment = parent.root().environment();
    List<SigningSecret> secrets = parent.root().signingSecrets(environment);
    PrintWriter err = spec.commandLine().getErr();
    if (secrets.isEmpty()) {
      err.println(
          "terra-auth webhook verify: no webhook signing secret for "
              + environment.id()
              + ": set TERRA_"
              + environment.variablePart()
              + "_WEBHOOK_SECRET");
      return TerraAuthCli.USAGE;
    }
    long tolerance = toleranceSeconds.value();
    if (tolerance < 1 || tolerance > WebhookVerifier.MAX_TOLERANCE.getSeconds()) {
      err.println("terra-auth webhook verify: --tolerance must be between 1 and 86400 seconds");
      return TerraAuthCli.USAGE;
    }
    byte[] bytes = parent.readBody(body.value(), spec);
    if (bytes == null) {
      return TerraAuthCli.USAGE;
    }
    Clock clock =
        at.value() == null
            ? Clock.systemUTC()
            : Clock.fixed(Instant.ofEpochSecond(at.value()), ZoneOffset.UTC);
    try {
      VerifiedWebhook webhook = verifier(secrets, clock).verify(bytes, headerValue());
      long age = clock.instant().getEpochSecond() - webhook.signedAt().getEpochSecond();
      if (json.value()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", true);
        result.put("environment", webhook.matchedSecret().environment().id());
        result.put("secret", webhook.matchedSecret().label());
        result.put("signed_at", webhook.signedAt().toString());
        result.put("age_seconds", age);
        result.put(
            "note",
            webhook.matchedSecret() != secrets.get(0)
                ? "an older secret generation matched"
                : null);
        spec.commandLine().getOut().println(JsonText.write(result));
        spec.commandLine().getOut().flush();
        return TerraAuthCli.OK;
      }
      spec.commandLine()
          .getOut()
          .println(
              "valid: signed with the "
                  + webhook.matchedSecret().environment().id()
                  + " secret "
                  + webhook.matchedSecret().label()
                  + " at "
                  + webhook.signedAt()
                  + " ("
                  + age
                  + " s before the check time)");
      if (webhook.matchedSecret() != secrets.get(0)) {
        spec.commandLine()
            .getOut()
            .println(
                "note: an older secret generation matched, not the newest "
                    + secrets.get(0).label()
                    + ": Terra may still be signing with a rotated-out secret");
      }
      return TerraAuthCli.OK;
    } catch (WebhookVerificationException failure) {
      List<String> hints = explain(failure.reason(), environment, bytes, clock);
      if (json.value()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", false);
        result.put("reason", failure.reason().name());
        result.put("message", failure.getMessage());
        result.put("hints", hints);
        spec.commandLine().getOut().println(JsonText.write(result));
        spec.commandLine().getOut().flush();
        return TerraAuthCli.PROBLEM;
      }
      err.println("invalid: " + failure.getMessage());
      for (String hint : hints) {
        err.println("hint: " + hint);
      }
      return TerraAuthCli.PROBLEM;
    }
  }

  /** The header value, without a header name pasted in front of it. */
  private String headerValue() {
    String value = signature.value().strip();
    for (String name : List.of(SignatureHeader.HEADER, SignatureHeader.DEPRECATED_HEADER)) {
      if (value.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return value.substring(name.length() + 1);
      }
    }
    return value;
  }

  private WebhookVerifier verifier(List<SigningSecret> secrets, Clock clock) {
    return WebhookVerifier.builder()
        .secrets(secrets)
        .clock(clock)
        .tolerance(Duration.ofSeconds(toleranceSeconds.value()))
        .build();
  }

  private List<String> explain(Reason reason, Environment environment, byte[] bytes, Clock clock) {
    List<String> hints = new ArrayList<>();
    switch (reason) {
      case STALE_TIMESTAMP, FUTURE_TIMESTAMP ->
          hints.add("the signature itself is valid; to check an old delivery, add --at <its t>");
      case BAD_SIGNATURE -> {
        List<SigningSecret> others = matchingOtherSecrets(environment, bytes, clock);
        for (SigningSecret other : others) {
          hints.add(
              "signed with the "
                  + other.environment().id()
                  + " secret, not "
                  + environment.id()
                  + " (matches "
                  + other.label()
                  + "): this delivery was sent for the "
                  + other.environment().id()
                  + " environment");
        }
        if (others.isEmpty()) {
          hints.add(
              "no configured secret of any environment matches: the body was changed"
                  + " after signing (re-serialised JSON, trailing newline?) or the secret is"
                  + " outdated");
        }
      }
      default -> {}
    }
    return hints;
  }

  /** Secrets of the other environments whose signature matches (the timestamp aside). */
  private List<SigningSecret> matchingOtherSecrets(
      Environment environment, byte[] bytes, Clock clock) {
    List<SigningSecret> matches = new ArrayList<>();
    ConfigurationSnapshot configuration = parent.root().credentialsLoader().snapshot();
    for (Environment other : Environment.values()) {
      if (other == environment) {
        continue;
      }
      List<SigningSecret> candidates = new ArrayList<>();
      try {
        // the report, not signingSecrets: this is only a hint, so the other environments' own
        // warnings (missing secrets, file modes) stay out of this command's output.
        for (ResolvedSigningSecret secret : configuration.report(other).signingSecrets()) {
          candidates.add(secret.signingSecret());
        }
      } catch (TerraAuthException notConfigured) {
        continue;
      }
      for (SigningSecret candidate : candidates) {
        try {
          verifier(List.of(candidate), clock).verify(bytes, headerValue());
          matches.add(candidate);
        } catch (WebhookVerificationException failure) {
          if (SIGNATURE_MATCHED.contains(failure.reason())) {
            matches.add(candidate);
          }
        }
      }
    }
    return matches;
  }
}
