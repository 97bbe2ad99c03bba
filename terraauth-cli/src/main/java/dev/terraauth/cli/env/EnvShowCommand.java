package dev.terraauth.cli.env;

import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.Table;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.EnvironmentReport;
import dev.terraauth.core.config.Origin;
import dev.terraauth.core.config.ResolvedSigningSecret;
import dev.terraauth.core.config.ResolvedValue;
import dev.terraauth.core.config.Setting;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth env show --env E}: every value (secrets masked) with its provenance. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description =
        "Show every value of an environment (secrets masked to their fingerprint), where it comes"
            + " from and which lower sources it shadows.",
    footer = {
      "",
      "Output: a table SETTING, VALUE, FROM, SHADOWED, then any problems ('error: ...',",
      "'warning: ...'). dev-id and URLs are not secret and are shown; API keys and signing",
      "secrets show as '******** (fingerprint 1a2b3c4d)'.",
      "Exit codes: 0 shown (problems or not; use 'env check' as a gate), 2 usage error",
      "(--env missing or unknown)."
    })
final class EnvShowCommand implements Callable<Integer> {
  @ParentCommand EnvCommand env;

  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description = "Print one JSON object (the same as 'env check --json') instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    Environment environment = env.root().environment();
    CredentialsLoader loader = env.root().credentialsLoader();
    EnvironmentReport report = loader.inspect(environment);
    if (json) {
      spec.commandLine()
          .getOut()
          .println(
              JsonText.write(EnvCheckCommand.toJson(report, report.errors().isEmpty(), List.of())));
      spec.commandLine().getOut().flush();
      return 0;
    }
    Table table = Table.withHeaders("SETTING", "VALUE", "FROM", "SHADOWED");
    addRow(table, report, Setting.DEV_ID);
    addRow(table, report, Setting.API_KEY);
    for (ResolvedSigningSecret secret : report.signingSecrets()) {
      table.row(
          "webhook secret #" + secret.signingSecret().generation(),
          ResolvedValue.masked(secret.signingSecret().secret()),
          secret.origin(),
          joined(report.signingSecretsShadowed()));
    }
    if (report.signingSecrets().isEmpty()) {
      table.row("webhook secret", "(none)", null, null);
    }
    addRow(table, report, Setting.API_URL);
    addRow(table, report, Setting.WIDGET_SESSION_URL);
    addRow(table, report, Setting.STREAMING_URL);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Environment "
            + environment.id()
            + " (file "
            + loader.display(loader.dotenvFile(environment))
            + ", secrets directory "
            + (loader.secretsDirectory() == null
                ? "none"
                : loader.display(loader.secretsDirectory()))
            + ")");
    table.print(out);
    report.errors().forEach(out::println);
    report.warnings().forEach(out::println);
    out.flush();
    return 0;
  }

  private static void addRow(Table table, EnvironmentReport report, Setting setting) {
    report
        .value(setting)
        .ifPresentOrElse(
            value ->
                table.row(
                    setting.label(), value.display(), value.origin(), joined(value.shadowed())),
            () -> table.row(setting.label(), "(missing)", null, null));
  }

  private static String joined(List<Origin> origins) {
    return origins.isEmpty()
        ? null
        : origins.stream().map(Origin::description).collect(Collectors.joining(", "));
  }
}
