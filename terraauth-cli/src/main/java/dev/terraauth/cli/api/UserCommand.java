package dev.terraauth.cli.api;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.UserInfo;
import dev.terraauth.core.user.TerraUser;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Show a connection by Terra user id, or all connections of a reference id.")
final class UserCommand extends ApiCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Selector selector;

  static final class Selector {
    @Option(names = "--user-id", paramLabel = "ID", description = "Terra user id.")
    String userId;

    @Option(names = "--reference-id", paramLabel = "ID", description = "Your user id.")
    String referenceId;
  }

  @Override
  int run(TerraAuthClient client) {
    if (selector.userId != null) {
      UserInfo info = client.userInfo(selector.userId);
      if (json) {
        printJson(info);
      } else {
        UserTable.print(out(), List.of(info.user()), info.authenticated());
      }
      return 0;
    }
    List<TerraUser> users = client.usersByReferenceId(selector.referenceId);
    if (json) {
      printJson(users);
    } else {
      UserTable.print(out(), users, null);
    }
    return 0;
  }
}
