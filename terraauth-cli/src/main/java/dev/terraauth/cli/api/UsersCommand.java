package dev.terraauth.cli.api;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.UserPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "List the environment's connections (GET /subscriptions).")
final class UsersCommand extends ApiCommand {
  @Option(names = "--page", paramLabel = "N", description = "Zero-based page (default: all users).")
  Integer page;

  @Option(names = "--per-page", paramLabel = "N", description = "Page size (Terra's default 500).")
  Integer perPage;

  @Override
  int run(TerraAuthClient client) {
    if (page == null) {
      var users = client.subscriptions();
      if (json) {
        printJson(users);
      } else {
        UserTable.print(out(), users, null);
      }
      return 0;
    }
    UserPage result = client.subscriptions(page, perPage);
    if (json) {
      printJson(result);
      return 0;
    }
    UserTable.print(out(), result.users(), null);
    out()
        .println(
            "page "
                + page
                + " of 0.."
                + result.maxPage()
                + (result.hasNext() ? "; next: --page " + result.nextPage() : "; last page"));
    out().flush();
    return 0;
  }
}
