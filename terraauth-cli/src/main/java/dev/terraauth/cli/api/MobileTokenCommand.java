package dev.terraauth.cli.api;

import dev.terraauth.cli.Table;
import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.TerraAuthClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
    name = "mobile-token",
    mixinStandardHelpOptions = true,
    description = {
      "Mint a single-use mobile SDK token (POST /auth/generateAuthToken).",
      "The SDK must be initialised with the same environment's dev-id."
    })
final class MobileTokenCommand extends ApiCommand {
  @Override
  int run(TerraAuthClient client) {
    MobileToken token = client.generateAuthToken();
    if (json) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("token", token.token().reveal());
      value.put("expires_at", token.expiresAt().toString());
      printJson(value);
    } else {
      Table.withHeaders("TOKEN", "EXPIRES AT")
          .row(token.token().reveal(), token.expiresAt())
          .print(out());
    }
    return 0;
  }
}
