package dev.terraauth.cli.api;

import dev.terraauth.cli.Table;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.WidgetEndpoint;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.core.config.RedirectUrlRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "widget-session",
    mixinStandardHelpOptions = true,
    description = {
      "Create a Terra widget session and print its URL.",
      "Uses the legacy endpoint and switches to the new one when Terra answers 410."
    })
final class WidgetSessionCommand extends ApiCommand {
  @Option(
      names = "--reference-id",
      required = true,
      paramLabel = "ID",
      description = "Your user id.")
  String referenceId;

  @Option(
      names = "--providers",
      split = ",",
      paramLabel = "A,B",
      description = "Providers to offer (default: those enabled in the dashboard).")
  List<String> providers = new ArrayList<>();

  @Option(
      names = "--success-url",
      paramLabel = "URL",
      description =
          "Redirect after success: https:// or an app deep link (http:// only to loopback in local).")
  URI successUrl;

  @Option(
      names = "--failure-url",
      paramLabel = "URL",
      description = "Redirect after failure (the same rule as --success-url).")
  URI failureUrl;

  @Option(names = "--language", paramLabel = "LANG", description = "Widget language, e.g. en.")
  String language;

  @Option(
      names = "--new-endpoint",
      description = "Call the new widget session endpoint directly instead of the legacy one.")
  boolean newEndpoint;

  @Override
  void configure(TerraAuthClient.Builder builder) {
    if (newEndpoint) {
      builder.widgetEndpoint(WidgetEndpoint.NEW);
    }
  }

  @Override
  int run(TerraAuthClient client) {
    RedirectUrlRule.require(
        root.environment(), "--success-url", successUrl, RedirectUrlRule.DeepLinks.ALLOWED);
    RedirectUrlRule.require(
        root.environment(), "--failure-url", failureUrl, RedirectUrlRule.DeepLinks.ALLOWED);
    WidgetSession session =
        client.widgetSession(
            WidgetSessionRequest.builder(referenceId)
                .providers(providers.stream().map(String::strip).toList())
                .language(language)
                .successRedirect(successUrl)
                .failureRedirect(failureUrl)
                .build());
    if (json) {
      printJson(session);
    } else {
      Table.withHeaders("SESSION ID", "EXPIRES AT", "URL")
          .row(session.sessionId(), session.expiresAt(), session.url())
          .print(out());
    }
    return 0;
  }
}
