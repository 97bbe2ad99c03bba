package dev.terraauth.gateway.store;

import dev.terraauth.core.user.Scopes;
import java.util.List;
import java.util.Objects;

/**
 * One connection as stored. Nullable: referenceId, provider, detail, widgetSessionId.
 *
 * @param orderingTimestampMs the X-Terra-Ordering-Timestamp of the newest event applied
 */
public record Connection(
    String terraUserId,
    String referenceId,
    String provider,
    ConnectionState state,
    List<String> scopes,
    String detail,
    String widgetSessionId,
    long orderingTimestampMs,
    long createdAtMs,
    long updatedAtMs) {
  public Connection {
    Objects.requireNonNull(terraUserId, "terraUserId");
    Objects.requireNonNull(state, "state");
    scopes = Scopes.sorted(Scopes.parse(String.join(",", scopes)));
  }
}
