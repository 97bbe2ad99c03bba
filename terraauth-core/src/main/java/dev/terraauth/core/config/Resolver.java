package dev.terraauth.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resolves one environment's settings from its sources (highest first) and validates them. */
final class Resolver {
  private final Environment environment;
  private final List<ValueSource> sources;
  private final List<Problem> problems = new ArrayList<>();

  private Resolver(Environment environment, List<ValueSource> sources) {
    this.environment = environment;
    this.sources = sources;
  }

  static EnvironmentReport resolve(Environment environment, List<ValueSource> sources) {
    return new Resolver(environment, sources).resolve();
  }

  /** The variable names to look up, scoped first; {@code local} ignores the unscoped names. */
  static List<String> variables(Environment environment, Setting setting) {
    return environment == Environment.LOCAL
        ? List.of(setting.variable(environment))
        : List.of(setting.variable(environment), setting.unscopedVariable());
  }

  private EnvironmentReport resolve() {
    for (ValueSource source : sources) {
      problems.addAll(source.problems());
    }
    for (ValueSource source : sources) {
      if (source.kind() == Origin.Kind.DOTENV_FILE) {
        checkDotenvKeys(source);
      }
    }
    Map<Setting, ResolvedValue> values = new EnumMap<>(Setting.class);
    for (Setting setting : List.of(Setting.DEV_ID, Setting.API_KEY)) {
      ResolvedValue value = single(setting, false);
      if (value != null) {
        values.put(setting, value);
      }
    }
    for (Setting setting :
        List.of(Setting.API_URL, Setting.WIDGET_SESSION_URL, Setting.STREAMING_URL)) {
      ResolvedValue value = single(setting, true);
      if (value != null) {
        values.put(setting, value);
      }
    }
    SigningSecrets signing = new SigningSecrets(environment, sources);
    List<ResolvedSigningSecret> secrets = signing.resolve(problems);
    return new EnvironmentReport(
        environment, values, secrets, signing.shadowed(), List.copyOf(problems));
  }

  /** Keys the file of this environment does not read: typos, or another environment's values. */
  private void checkDotenvKeys(ValueSource file) {
    for (RawValue value : file.values().values()) {
      String key = value.variable();
      if (!key.startsWith("TERRA_") || isRead(key)) {
        continue;
      }
      String hint = "it is not a terra-auth name (a typo?)";
      for (Environment other : Environment.values()) {
        if (other != environment && key.startsWith("TERRA_" + other.variablePart() + "_")) {
          hint =
              "it belongs in .env.terra."
                  + other.id()
                  + ": keep each environment's credentials in its own file";
        }
      }
      if (environment == Environment.LOCAL && !key.startsWith("TERRA_LOCAL_")) {
        hint = "local reads only TERRA_LOCAL_* names";
      }
      problems.add(
          Problem.warning(
              value.origin() + ": " + key + " is not read for " + environment.id() + "; " + hint));
    }
  }

  private boolean isRead(String key) {
    for (Setting setting : Setting.values()) {
      for (String variable : variables(environment, setting)) {
        if (key.equals(variable)
            || (setting == Setting.WEBHOOK_SECRET && ValueSource.isNumberedForm(key, variable))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The value of a single-valued setting, or null (with the problem recorded) when unusable. */
  private ResolvedValue single(Setting setting, boolean url) {
    List<RawValue> candidates = new ArrayList<>();
    Set<String> looked = new LinkedHashSet<>();
    for (ValueSource source : sources) {
      for (String variable : variables(environment, setting)) {
        RawValue value = source.get(variable);
        if (value != null) {
          candidates.add(value);
        } else if (source.kind() != Origin.Kind.DEFAULT) {
          looked.add(source.whereLooked().of(variable));
        }
      }
    }
    if (candidates.isEmpty()) {
      problems.add(
          Problem.error(
              setting,
              setting.label()
                  + " of "
                  + environment.id()
                  + " not found; looked in: "
                  + String.join(", ", looked)
                  + ". Fix: set "
                  + setting.variable(environment)
                  + " (terra-auth env init --env "
                  + environment.id()
                  + " writes a template)"));
      return null;
    }
    RawValue winner = candidates.get(0);
    String value = url ? expandUrlKeyword(setting, winner.value()) : winner.value();
    Optional<String> wrong = url ? ValueChecks.checkUrl(value) : ValueChecks.checkToken(value);
    if (wrong.isPresent()) {
      problems.add(
          Problem.error(
              setting,
              setting.label()
                  + " of "
                  + environment.id()
                  + " from "
                  + winner.origin()
                  + " "
                  + wrong.get()));
      return null;
    }
    if (url) {
      checkPlainHttp(setting, URI.create(value), winner.origin());
    }
    List<Origin> shadowed = new ArrayList<>();
    for (RawValue candidate : candidates.subList(1, candidates.size())) {
      shadowed.add(candidate.origin());
    }
    return new ResolvedValue(setting, Secret.of(value), winner.origin(), shadowed);
  }

  private String expandUrlKeyword(Setting setting, String value) {
    if (setting != Setting.API_URL) {
      return value;
    }
    boolean local = environment == Environment.LOCAL;
    return switch (value) {
      case "current" -> local ? LocalDefaults.API_URL : TerraCredentials.CURRENT_API_URL.toString();
      case "legacy" ->
          local ? LocalDefaults.LEGACY_API_URL : TerraCredentials.LEGACY_API_URL.toString();
      default -> value;
    };
  }

  private void checkPlainHttp(Setting setting, URI uri, Origin origin) {
    if ("http".equalsIgnoreCase(uri.getScheme()) && !ValueChecks.isLoopback(uri)) {
      String message =
          setting.label()
              + " of "
              + environment.id()
              + " from "
              + origin
              + " uses plain http to a remote host: the API key would travel unencrypted; use https";
      problems.add(
          environment == Environment.PRODUCTION
              ? Problem.error(setting, message)
              : Problem.warning(message));
    }
  }
}
