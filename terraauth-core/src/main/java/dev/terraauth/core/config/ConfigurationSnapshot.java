package dev.terraauth.core.config;

import dev.terraauth.core.error.ConfigException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every environment's configuration read once: each file and variable resolved a single time, and
 * the guards applied across environments. {@link #report}, {@link #load} and {@link
 * #signingSecrets} all derive from it, so one invocation (or one reload) reads the sources once
 * instead of once per question. Taken by {@link CredentialsLoader#snapshot()} (no git-ignore guard:
 * it spawns git) or {@link CredentialsLoader#checkedSnapshot()} (with it, for {@code env check} and
 * a gateway's start-up). Immutable.
 */
public final class ConfigurationSnapshot {
  // Under the loader's name, as before the snapshot existed: log configurations name it. Looked up
  // only when there is a warning to log: the first lookup starts the logging backend, which a
  // short CLI command that logs nothing (env list) would otherwise pay for at start-up.
  private static Logger log() {
    return LoggerFactory.getLogger(CredentialsLoader.class);
  }

  private final CredentialsLoader loader;
  private final Map<Environment, EnvironmentReport> reports;

  private ConfigurationSnapshot(
      CredentialsLoader loader, Map<Environment, EnvironmentReport> reports) {
    this.loader = loader;
    this.reports = reports;
  }

  static ConfigurationSnapshot take(CredentialsLoader loader, Guards guards, boolean gitIgnore) {
    Map<Environment, EnvironmentReport> resolved = new EnumMap<>(Environment.class);
    for (Environment each : Environment.values()) {
      resolved.put(each, Resolver.resolve(each, loader.sourcesFor(each)));
    }
    Map<Environment, EnvironmentReport> guarded = new EnumMap<>(Environment.class);
    for (Environment each : Environment.values()) {
      EnvironmentReport report = resolved.get(each);
      List<Problem> problems = new ArrayList<>(guards.sharedSecrets(report, resolved));
      problems.addAll(guards.filePermissions(report));
      if (gitIgnore) {
        problems.addAll(guards.gitIgnored(loader.dotenvFile(each)));
      }
      problems.addAll(Guards.systemPropertySecrets(report, loader.refusesSecretSystemProperties()));
      guarded.put(each, report.withProblems(problems));
    }
    return new ConfigurationSnapshot(loader, guarded);
  }

  /**
   * One environment resolved and checked: values with provenance, signing secrets and every problem
   * found, including the guards.
   *
   * @param environment the environment
   * @return the environment's report
   */
  public EnvironmentReport report(Environment environment) {
    return reports.get(Objects.requireNonNull(environment, "environment"));
  }

  /**
   * {@link #report} for every environment, in declaration order.
   *
   * @return one report per environment
   */
  public List<EnvironmentReport> reports() {
    return List.copyOf(reports.values());
  }

  /**
   * {@return the credentials of an environment} Warnings are logged (never with a value).
   *
   * @param environment the environment
   * @throws ConfigException listing every error at once: each missing value with every place
   *     looked, each malformed value with its file:line, each failed guard, each with its fix
   */
  public TerraCredentials load(Environment environment) {
    EnvironmentReport report = report(environment);
    TerraCredentials credentials = report.credentials();
    // A missing signing secret matters only where webhooks are verified (signingSecrets() refuses
    // then, and env check shows it); REST commands would only be made noisy by it.
    for (Problem warning : report.warnings()) {
      if (warning.setting() != Setting.WEBHOOK_SECRET) {
        log().warn("{}", warning.message());
      }
    }
    return credentials;
  }

  /**
   * {@return the webhook signing secrets of an environment, newest generation first}
   *
   * @param environment the environment
   * @throws ConfigException when the configuration has errors or holds no signing secret (the
   *     message names every place looked)
   */
  public List<SigningSecret> signingSecrets(Environment environment) {
    // Verifying or signing a webhook needs only the secrets: a missing dev-id or API key must not
    // stand in the way, but every guard (shared secrets, permissions) and secret problem still
    // does.
    EnvironmentReport report = report(environment);
    List<Problem> relevant = new ArrayList<>();
    for (Problem problem : report.problems()) {
      if (problem.setting() == null || problem.setting() == Setting.WEBHOOK_SECRET) {
        relevant.add(problem);
      }
    }
    new EnvironmentReport(
            environment,
            report.values(),
            report.signingSecrets(),
            report.signingSecretsShadowed(),
            relevant)
        .throwIfErrors();
    for (Problem problem : relevant) {
      if (!problem.isError()) {
        log().warn("{}", problem.message());
      }
    }
    List<SigningSecret> secrets = new ArrayList<>();
    for (ResolvedSigningSecret secret : report.signingSecrets()) {
      secrets.add(secret.signingSecret());
    }
    if (secrets.isEmpty()) {
      throw new ConfigException(
          "no webhook signing secret for "
              + environment.id()
              + "; looked in: "
              + String.join(", ", loader.lookedFor(environment, Setting.WEBHOOK_SECRET))
              + ". Fix: set "
              + Setting.WEBHOOK_SECRET.variable(environment)
              + " (several for rotation: a comma-separated list, or "
              + Setting.WEBHOOK_SECRET.variable(environment)
              + "_2, _3)");
    }
    return List.copyOf(secrets);
  }
}
