package dev.terraauth.core.config;

import dev.terraauth.core.error.ConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one environment's configuration: each resolved value with provenance, the
 * signing secrets, and every problem found (missing, malformed, unsafe). Produced by {@link
 * CredentialsLoader#inspect}; never contains a secret in its {@code toString()}. Immutable.
 *
 * @param environment the environment
 * @param values resolved single values (dev-id, API key, URLs); missing ones are absent
 * @param signingSecrets webhook signing secrets, newest generation first
 * @param signingSecretsShadowed lower sources that also set signing secrets
 * @param problems errors and warnings, in the order found
 */
public record EnvironmentReport(
    Environment environment,
    Map<Setting, ResolvedValue> values,
    List<ResolvedSigningSecret> signingSecrets,
    List<Origin> signingSecretsShadowed,
    List<Problem> problems) {

  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param environment the environment
   * @param values resolved single values (dev-id, API key, URLs); missing ones are absent
   * @param signingSecrets webhook signing secrets, newest generation first
   * @param signingSecretsShadowed lower sources that also set signing secrets
   * @param problems errors and warnings, in the order found
   */
  public EnvironmentReport {
    Objects.requireNonNull(environment, "environment");
    values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
    signingSecrets = List.copyOf(signingSecrets);
    signingSecretsShadowed = List.copyOf(signingSecretsShadowed);
    problems = List.copyOf(problems);
  }

  /**
   * {@return the resolved value of a single-valued setting (not {@link Setting#WEBHOOK_SECRET})}
   *
   * @param setting the setting
   */
  public Optional<ResolvedValue> value(Setting setting) {
    return Optional.ofNullable(values.get(setting));
  }

  /**
   * The problems that make the credentials unusable.
   *
   * @return the errors, each with its fix
   */
  public List<Problem> errors() {
    return problems(true);
  }

  /**
   * The problems worth fixing that do not stop start-up.
   *
   * @return the warnings
   */
  public List<Problem> warnings() {
    return problems(false);
  }

  private List<Problem> problems(boolean errors) {
    List<Problem> selected = new ArrayList<>();
    for (Problem problem : problems) {
      if (problem.isError() == errors) {
        selected.add(problem);
      }
    }
    return List.copyOf(selected);
  }

  /**
   * {@return true when there are no errors: dev-id and API key are present and every guard passed}
   */
  public boolean isComplete() {
    return errors().isEmpty();
  }

  /** A copy with more problems (guards found after resolution). */
  EnvironmentReport withProblems(List<Problem> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(more);
    return new EnvironmentReport(environment, values, signingSecrets, signingSecretsShadowed, all);
  }

  /**
   * {@return the usable credentials}
   *
   * @throws ConfigException listing every error at once, each with its fix
   */
  public TerraCredentials credentials() {
    throwIfErrors();
    List<SigningSecret> secrets = new ArrayList<>();
    for (ResolvedSigningSecret secret : signingSecrets) {
      secrets.add(secret.signingSecret());
    }
    return new TerraCredentials(
        environment,
        values.get(Setting.DEV_ID).value().reveal(),
        values.get(Setting.API_KEY).value(),
        secrets,
        URI.create(values.get(Setting.API_URL).value().reveal()),
        URI.create(values.get(Setting.WIDGET_SESSION_URL).value().reveal()),
        URI.create(values.get(Setting.STREAMING_URL).value().reveal()));
  }

  /**
   * @throws ConfigException listing every error at once, each with its fix
   */
  void throwIfErrors() {
    List<Problem> errors = errors();
    if (!errors.isEmpty()) {
      throw new ConfigException(errorMessage(errors));
    }
  }

  private String errorMessage(List<Problem> errors) {
    StringBuilder message =
        new StringBuilder("configuration of ")
            .append(environment.id())
            .append(" is not usable (")
            .append(errors.size())
            .append(errors.size() == 1 ? " problem" : " problems")
            .append("):");
    for (Problem error : errors) {
      message.append("\n  - ").append(error.message());
    }
    return message
        .append("\n  Check it with: terra-auth env check --env ")
        .append(environment.id())
        .toString();
  }

  @Override
  public String toString() {
    return "EnvironmentReport["
        + environment.id()
        + ", values="
        + values.keySet()
        + ", signingSecrets="
        + signingSecrets.size()
        + ", problems="
        + problems.size()
        + "]";
  }
}
