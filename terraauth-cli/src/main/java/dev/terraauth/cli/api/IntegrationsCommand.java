package dev.terraauth.cli.api;

import dev.terraauth.cli.Table;
import dev.terraauth.core.client.Integration;
import dev.terraauth.core.client.Integrations;
import dev.terraauth.core.client.TerraAuthClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "integrations",
    mixinStandardHelpOptions = true,
    description = "List Terra's providers (public endpoint: sends only the dev-id).")
final class IntegrationsCommand extends ApiCommand {
  @Option(
      names = "--detailed",
      description = "Names, setup, data types and whether this environment enabled each one.")
  boolean detailed;

  @Option(names = "--sdk", description = "With --detailed: include SDK-only providers.")
  boolean sdk;

  @Override
  int run(TerraAuthClient client) {
    if (detailed) {
      List<Integration> integrations = client.detailedIntegrations(sdk);
      if (json) {
        printJson(integrations);
        return 0;
      }
      Table table = Table.withHeaders("PROVIDER", "NAME", "ENABLED", "SETUP", "DATA TYPES");
      for (Integration integration : integrations) {
        table.row(
            integration.provider(),
            integration.name(),
            integration.enabled(),
            integration.setup(),
            types(integration.types()));
      }
      table.print(out());
      return 0;
    }
    Integrations integrations = client.integrations();
    if (json) {
      printJson(integrations);
      return 0;
    }
    Table table = Table.withHeaders("PROVIDER", "KIND");
    integrations.providers().forEach(provider -> table.row(provider, "cloud"));
    integrations.sdkProviders().forEach(provider -> table.row(provider, "mobile SDK"));
    table.print(out());
    return 0;
  }

  private static String types(Map<String, Boolean> types) {
    String enabled =
        types.entrySet().stream()
            .filter(entry -> Boolean.TRUE.equals(entry.getValue()))
            .map(Map.Entry::getKey)
            .sorted()
            .collect(Collectors.joining(","));
    return enabled.isEmpty() ? null : enabled;
  }
}
