package dev.terraauth.cli.env;

import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.Specs;
import dev.terraauth.cli.Table;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.EnvironmentReport;
import dev.terraauth.core.config.ResolvedValue;
import dev.terraauth.core.config.Setting;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code terra-auth env list}: every environment and whether it is complete. Its picocli model is
 * built in code ({@link #spec}): see {@link Specs}.
 */
final class EnvListCommand implements Callable<Integer> {
  private final EnvCommand env;

  private CommandSpec spec;

  private final Specs.Value<Boolean> json = new Specs.Value<>();

  private EnvListCommand(EnvCommand env) {
    this.env = env;
  }

  static CommandSpec spec(EnvCommand env) {
    EnvListCommand command = new EnvListCommand(env);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("list");
    command.spec = spec;
    spec.usageMessage()
        .autoWidth(true)
        .width(100)
        .description(
            "List the environments and whether each is complete (secrets as fingerprints).")
        .footer(
            "",
            "Output: one row per environment: STATUS is 'complete' or 'incomplete (N problems)';",
            "API KEY shows the key's fingerprint; SECRETS the number of webhook signing secrets.",
            "With --json an array of {environment, complete, problems, dev_id, api_key_fingerprint,",
            "webhook_secrets, rest_base_url}.",
            "Exit codes: 0 listed (whatever the status; use 'env check' as a gate), 2 usage error.");
    spec.addOption(Specs.helpOption());
    spec.addOption(Specs.versionOption());
    spec.addOption(
        OptionSpec.builder("--json")
            .type(boolean.class)
            .initialValue(false)
            .description("Print a JSON array instead of the table.")
            .setter(command.json)
            .getter(command.json)
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    CredentialsLoader loader = env.root().credentialsLoader();
    if (json.value()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (EnvironmentReport report : loader.inspectAll()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("environment", report.environment().id());
        row.put("complete", report.errors().isEmpty());
        row.put("problems", report.errors().size());
        row.put("dev_id", display(report, Setting.DEV_ID));
        row.put("api_key_fingerprint", fingerprint(report, Setting.API_KEY));
        row.put("webhook_secrets", report.signingSecrets().size());
        row.put("rest_base_url", display(report, Setting.API_URL));
        rows.add(row);
      }
      spec.commandLine().getOut().println(JsonText.write(rows));
      spec.commandLine().getOut().flush();
      return 0;
    }
    Table table = Table.withHeaders("ENV", "STATUS", "DEV-ID", "API KEY", "SECRETS", "REST BASE");
    for (EnvironmentReport report : loader.inspectAll()) {
      int errors = report.errors().size();
      table.row(
          report.environment().id(),
          errors == 0
              ? "complete"
              : "incomplete (" + errors + (errors == 1 ? " problem)" : " problems)"),
          display(report, Setting.DEV_ID),
          fingerprint(report, Setting.API_KEY),
          report.signingSecrets().size(),
          display(report, Setting.API_URL));
    }
    PrintWriter out = spec.commandLine().getOut();
    table.print(out);
    out.println();
    out.println("Details: terra-auth env show --env ENV; checks: terra-auth env check --env ENV");
    out.flush();
    return 0;
  }

  /** The value as shown (secrets masked), or null when the setting is missing. */
  private static String display(EnvironmentReport report, Setting setting) {
    Optional<ResolvedValue> value = report.value(setting);
    return value.isPresent() ? value.get().display() : null;
  }

  /** The value's fingerprint, or null when the setting is missing. */
  private static String fingerprint(EnvironmentReport report, Setting setting) {
    Optional<ResolvedValue> value = report.value(setting);
    return value.isPresent() ? value.get().value().fingerprint() : null;
  }
}
