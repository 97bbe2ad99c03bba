package dev.terraauth.gateway.relay;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Relay endpoints ({@code relay_endpoint}). */
public final class EndpointStore {
  private static final String COLUMNS =
      "id, source, url, description, event_types, enabled, ordered, secret, previous_secret,"
          + " previous_secret_until_ms, failing_since_ms, disabled_reason, created_at_ms,"
          + " updated_at_ms";

  private final Jdbi jdbi;

  public EndpointStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<RelayEndpoint> all() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM relay_endpoint ORDER BY created_at_ms, id")
                .map(EndpointStore::map)
                .list());
  }

  public List<RelayEndpoint> enabled() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM relay_endpoint WHERE enabled = 1 ORDER BY id")
                .map(EndpointStore::map)
                .list());
  }

  /** Enabled endpoints, read inside the caller's transaction (the outbox's view of them). */
  static List<RelayEndpoint> enabled(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM relay_endpoint WHERE enabled = 1 ORDER BY id")
        .map(EndpointStore::map)
        .list();
  }

  public Optional<RelayEndpoint> find(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM relay_endpoint WHERE id = :id")
                .bind("id", id)
                .map(EndpointStore::map)
                .findOne());
  }

  public void insert(RelayEndpoint endpoint) {
    jdbi.useHandle(handle -> write(handle, endpoint, true));
  }

  public void update(RelayEndpoint endpoint) {
    jdbi.useHandle(handle -> write(handle, endpoint, false));
  }

  /**
   * Creates or refreshes the {@code --relay-url} endpoint at start-up: url, filter and ordering
   * follow the flags and it is enabled again (a restart with the flag is the operator's say-so).
   */
  public void upsertConfigured(RelaySettings.ConfiguredEndpoint configured, long nowMs) {
    jdbi.useTransaction(
        handle -> {
          Optional<RelayEndpoint> existing =
              handle
                  .createQuery("SELECT " + COLUMNS + " FROM relay_endpoint WHERE id = :id")
                  .bind("id", RelayEndpoint.CONFIGURED_ID)
                  .map(EndpointStore::map)
                  .findOne();
          RelayEndpoint endpoint =
              new RelayEndpoint(
                  RelayEndpoint.CONFIGURED_ID,
                  RelayEndpoint.SOURCE_CONFIG,
                  configured.url(),
                  "--relay-url",
                  configured.filter(),
                  true,
                  configured.ordered(),
                  null,
                  null,
                  null,
                  existing.map(RelayEndpoint::failingSinceMs).orElse(null),
                  null,
                  existing.map(RelayEndpoint::createdAtMs).orElse(nowMs),
                  nowMs);
          write(handle, endpoint, existing.isEmpty());
        });
  }

  /**
   * At a start without {@code --relay-url}: an earlier {@code config} endpoint has no secret any
   * more, so it is disabled (and says why) instead of failing every attempt.
   */
  public void disableConfigured(long nowMs) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE relay_endpoint SET enabled = 0, disabled_reason = :reason,"
                        + " updated_at_ms = :now WHERE id = :id AND enabled = 1")
                .bind("reason", "the gateway was started without --relay-url")
                .bind("now", nowMs)
                .bind("id", RelayEndpoint.CONFIGURED_ID)
                .execute());
  }

  /** Deletes the endpoint with its messages and attempts; false when there was none. */
  public boolean delete(String id) {
    return jdbi.inTransaction(
        handle -> {
          handle
              .createUpdate("DELETE FROM relay_attempt WHERE endpoint_id = :id")
              .bind("id", id)
              .execute();
          handle
              .createUpdate("DELETE FROM relay_message WHERE endpoint_id = :id")
              .bind("id", id)
              .execute();
          return handle
                  .createUpdate("DELETE FROM relay_endpoint WHERE id = :id")
                  .bind("id", id)
                  .execute()
              > 0;
        });
  }

  private static void write(Handle handle, RelayEndpoint endpoint, boolean insert) {
    String sql =
        insert
            ? "INSERT INTO relay_endpoint ("
                + COLUMNS
                + ") VALUES (:id, :source, :url,"
                + " :description, :eventTypes, :enabled, :ordered, :secret, :previousSecret,"
                + " :previousUntil, :failingSince, :disabledReason, :createdAt, :updatedAt)"
            : "UPDATE relay_endpoint SET source = :source, url = :url, description = :description,"
                + " event_types = :eventTypes, enabled = :enabled, ordered = :ordered,"
                + " secret = :secret, previous_secret = :previousSecret,"
                + " previous_secret_until_ms = :previousUntil, failing_since_ms = :failingSince,"
                + " disabled_reason = :disabledReason, created_at_ms = :createdAt,"
                + " updated_at_ms = :updatedAt WHERE id = :id";
    handle
        .createUpdate(sql)
        .bind("id", endpoint.id())
        .bind("source", endpoint.source())
        .bind("url", endpoint.url().toString())
        .bind("description", endpoint.description())
        .bind("eventTypes", endpoint.filter().stored())
        .bind("enabled", endpoint.enabled() ? 1 : 0)
        .bind("ordered", endpoint.ordered() ? 1 : 0)
        .bind("secret", endpoint.secret() == null ? null : endpoint.secret().reveal())
        .bind(
            "previousSecret",
            endpoint.previousSecret() == null ? null : endpoint.previousSecret().reveal())
        .bind("previousUntil", endpoint.previousSecretUntilMs())
        .bind("failingSince", endpoint.failingSinceMs())
        .bind("disabledReason", endpoint.disabledReason())
        .bind("createdAt", endpoint.createdAtMs())
        .bind("updatedAt", endpoint.updatedAtMs())
        .execute();
  }

  /** Like map, for an outer join: null for the row without an endpoint. */
  static RelayEndpoint mapOrNull(ResultSet row, StatementContext context) throws SQLException {
    return row.getString("id") == null ? null : map(row, context);
  }

  private static RelayEndpoint map(ResultSet row, StatementContext context) throws SQLException {
    String secret = row.getString("secret");
    String previous = row.getString("previous_secret");
    long previousUntil = row.getLong("previous_secret_until_ms");
    Long previousUntilMs = row.wasNull() ? null : previousUntil;
    long failing = row.getLong("failing_since_ms");
    Long failingSince = row.wasNull() ? null : failing;
    return new RelayEndpoint(
        row.getString("id"),
        row.getString("source"),
        URI.create(row.getString("url")),
        row.getString("description"),
        EventTypeFilter.parse(row.getString("event_types"), "stored event_types"),
        row.getInt("enabled") == 1,
        row.getInt("ordered") == 1,
        secret == null ? null : RelaySecret.parse(secret, "stored secret"),
        previous == null ? null : RelaySecret.parse(previous, "stored previous secret"),
        previousUntilMs,
        failingSince,
        row.getString("disabled_reason"),
        row.getLong("created_at_ms"),
        row.getLong("updated_at_ms"));
  }
}
