package dev.terraauth.cli.api;

import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Environment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "deauth",
    mixinStandardHelpOptions = true,
    description = {
      "Deauthenticate a user (DELETE /auth/deauthenticateUser): Terra deletes the connection.",
      "Asks for confirmation on production unless --yes is given."
    })
final class DeauthCommand extends ApiCommand {
  @Option(names = "--user-id", required = true, paramLabel = "ID", description = "Terra user id.")
  String userId;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  int run(TerraAuthClient client) {
    if (client.environment() == Environment.PRODUCTION && !yes && !confirmed()) {
      err().println("terra-auth deauth: aborted, nothing was changed; answer 'yes' or pass --yes");
      return TerraAuthCli.PROBLEM;
    }
    client.deauthenticateUser(userId);
    if (json) {
      printJson(Map.of("status", "success", "user_id", userId));
    } else {
      out().println("deauthenticated user " + userId + " (" + client.environment() + ")");
    }
    return 0;
  }

  private boolean confirmed() {
    err().print("Deauthenticate user " + userId + " in production? Type 'yes' to continue: ");
    err().flush();
    try {
      String answer =
          new BufferedReader(
                  new InputStreamReader(root.context().standardInput(), StandardCharsets.UTF_8))
              .readLine();
      err().println();
      return answer != null && answer.strip().toLowerCase(Locale.ROOT).equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
