package dev.terraauth.cli.api;

import dev.terraauth.cli.Table;
import dev.terraauth.core.user.TerraUser;
import java.io.PrintWriter;
import java.util.List;

/** The table the user and users commands print. */
final class UserTable {
  private UserTable() {}

  /** Prints the users; {@code authenticated} adds a column when known (single-user lookups). */
  static void print(PrintWriter out, List<TerraUser> users, Boolean authenticated) {
    if (users.isEmpty()) {
      out.println("no users");
      out.flush();
      return;
    }
    Table table =
        authenticated == null
            ? Table.withHeaders("USER ID", "PROVIDER", "REFERENCE ID", "ACTIVE", "SCOPES")
            : Table.withHeaders(
                "USER ID", "PROVIDER", "REFERENCE ID", "ACTIVE", "SCOPES", "AUTHENTICATED");
    for (TerraUser user : users) {
      if (authenticated == null) {
        table.row(user.userId(), user.provider(), user.referenceId(), user.active(), user.scopes());
      } else {
        table.row(
            user.userId(),
            user.provider(),
            user.referenceId(),
            user.active(),
            user.scopes(),
            authenticated);
      }
    }
    table.print(out);
  }
}
