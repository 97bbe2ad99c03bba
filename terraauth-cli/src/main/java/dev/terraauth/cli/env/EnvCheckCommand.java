package dev.terraauth.cli.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.EnvironmentReport;
import dev.terraauth.core.config.Origin;
import dev.terraauth.core.config.Problem;
import dev.terraauth.core.config.ResolvedSigningSecret;
import dev.terraauth.core.config.ResolvedValue;
import dev.terraauth.core.config.Setting;
import dev.terraauth.core.json.TerraJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth env check --env E}: every validation and guard, as an exit code. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description =
        "Run every validation and guard on an environment: missing values (with every place"
            + " looked), malformed values (file:line), the same secret in two environments,"
            + " secret files readable by others, .env.terra.* files git does not ignore.",
    footer = {
      "",
      "Output: '<env>: ok' or '<env>: N errors, M warnings' followed by one 'error: ...' or",
      "'warning: ...' line per finding, each with its fix. With --json one object:",
      "{\"environment\", \"ok\", \"errors\": [...], \"warnings\": [...], \"values\": [{\"setting\",",
      "\"source\", \"shadowed\", \"fingerprint\" (secrets) or \"value\" (dev-id, URLs)}]}.",
      "Exit codes: 0 no errors (warnings allowed unless --strict), 1 problems found,",
      "2 usage error (--env missing or unknown)."
    })
final class EnvCheckCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = TerraJson.newMapper();

  @ParentCommand EnvCommand env;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = "--strict", description = "Warnings count as problems (exit 1).")
  boolean strict;

  @Override
  public Integer call() throws JsonProcessingException {
    Environment environment = env.root.environment();
    EnvironmentReport report = env.root.credentialsLoader().inspect(environment);
    List<Problem> errors = report.errors();
    List<Problem> warnings = report.warnings();
    boolean ok = errors.isEmpty() && (!strict || warnings.isEmpty());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report, ok)));
    } else {
      out.println(environment.id() + ": " + summary(report, errors, warnings));
      errors.forEach(out::println);
      warnings.forEach(out::println);
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private static String summary(
      EnvironmentReport report, List<Problem> errors, List<Problem> warnings) {
    if (errors.isEmpty()) {
      int secrets = report.signingSecrets().size();
      return "ok (dev-id, API key, "
          + secrets
          + (secrets == 1 ? " webhook signing secret" : " webhook signing secrets")
          + (warnings.isEmpty() ? ")" : "; " + count(warnings.size(), "warning") + ")");
    }
    return count(errors.size(), "error") + ", " + count(warnings.size(), "warning");
  }

  private static String count(int number, String noun) {
    return number + " " + noun + (number == 1 ? "" : "s");
  }

  private static Map<String, Object> toJson(EnvironmentReport report, boolean ok) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", report.environment().id());
    json.put("ok", ok);
    json.put("errors", report.errors().stream().map(Problem::message).toList());
    json.put("warnings", report.warnings().stream().map(Problem::message).toList());
    List<Map<String, Object>> values = new ArrayList<>();
    for (Setting setting :
        List.of(Setting.DEV_ID, Setting.API_KEY, Setting.API_URL, Setting.WIDGET_SESSION_URL)) {
      report.value(setting).ifPresent(value -> values.add(value(setting, value)));
    }
    for (ResolvedSigningSecret secret : report.signingSecrets()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("setting", "webhook_secret");
      entry.put("generation", secret.signingSecret().generation());
      entry.put("source", secret.origin().description());
      entry.put(
          "shadowed", report.signingSecretsShadowed().stream().map(Origin::description).toList());
      entry.put("fingerprint", secret.signingSecret().secret().fingerprint());
      values.add(entry);
    }
    json.put("values", values);
    return json;
  }

  private static Map<String, Object> value(Setting setting, ResolvedValue value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("setting", setting.name().toLowerCase(Locale.ROOT));
    entry.put("source", value.origin().description());
    entry.put("shadowed", value.shadowed().stream().map(Origin::description).toList());
    if (setting.isSecret()) {
      entry.put("fingerprint", value.value().fingerprint());
    } else {
      entry.put("value", value.display());
    }
    return entry;
  }
}
