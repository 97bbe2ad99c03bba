package dev.terraauth.cli.api;

import dev.terraauth.cli.Table;
import dev.terraauth.core.client.AuthLink;
import dev.terraauth.core.client.AuthenticateUserRequest;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.RedirectUrlRule;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "auth-url",
    mixinStandardHelpOptions = true,
    description = "Create a direct login link for one provider (POST /auth/authenticateUser).")
final class AuthUrlCommand extends ApiCommand {
  @Option(
      names = "--resource",
      required = true,
      paramLabel = "PROVIDER",
      description = "e.g. FITBIT.")
  String resource;

  @Option(names = "--reference-id", paramLabel = "ID", description = "Your user id.")
  String referenceId;

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

  @Option(names = "--language", paramLabel = "LANG", description = "Display language, e.g. en.")
  String language;

  @Override
  int run(TerraAuthClient client) {
    RedirectUrlRule.require(
        root.environment(), "--success-url", successUrl, RedirectUrlRule.DeepLinks.ALLOWED);
    RedirectUrlRule.require(
        root.environment(), "--failure-url", failureUrl, RedirectUrlRule.DeepLinks.ALLOWED);
    AuthLink link =
        client.authenticateUser(
            new AuthenticateUserRequest(resource, referenceId, language, successUrl, failureUrl));
    if (json) {
      printJson(link);
    } else {
      Table.withHeaders("USER ID", "AUTH URL").row(link.userId(), link.authUrl()).print(out());
    }
    return 0;
  }
}
