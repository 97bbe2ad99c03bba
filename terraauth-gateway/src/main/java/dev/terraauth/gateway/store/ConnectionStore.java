package dev.terraauth.gateway.store;

import dev.terraauth.core.user.Scopes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Connections in the {@code connection} table. Writes take the caller's {@link Handle}. */
public final class ConnectionStore {
  private static final String COLUMNS =
      "terra_user_id, reference_id, provider, state, scopes, detail, widget_session_id,"
          + " ordering_ts_ms, created_at_ms, updated_at_ms";

  private final Jdbi jdbi;

  public ConnectionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.registerRowMapper(Connection.class, ConnectionStore::map);
  }

  /** A connection as its columns hold it: the state's id and the scopes as one string. */
  public record Row(
      String terraUserId,
      String referenceId,
      String provider,
      String state,
      String scopes,
      String detail,
      String widgetSessionId,
      long orderingTimestampMs,
      long createdAtMs,
      long updatedAtMs) {
    static Row of(Connection connection) {
      return new Row(
          connection.terraUserId(),
          connection.referenceId(),
          connection.provider(),
          connection.state().id(),
          Scopes.format(connection.scopes()),
          connection.detail(),
          connection.widgetSessionId(),
          connection.orderingTimestampMs(),
          connection.createdAtMs(),
          connection.updatedAtMs());
    }
  }

  public Optional<Connection> find(String terraUserId) {
    return jdbi.withHandle(handle -> find(handle, terraUserId));
  }

  public Optional<Connection> find(Handle handle, String terraUserId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM connection WHERE terra_user_id = :id")
        .bind("id", terraUserId)
        .mapTo(Connection.class)
        .findOne();
  }

  public List<Connection> byReference(String referenceId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM connection WHERE reference_id = :ref"
                        + " ORDER BY created_at_ms, terra_user_id")
                .bind("ref", referenceId)
                .mapTo(Connection.class)
                .list());
  }

  /** Up to {@code limit} connections after {@code afterTerraUserId} (null: from the start). */
  public List<Connection> pageAfter(String afterTerraUserId, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM connection WHERE terra_user_id > :after"
                        + " ORDER BY terra_user_id LIMIT :n")
                .bind("after", afterTerraUserId == null ? "" : afterTerraUserId)
                .bind("n", limit)
                .mapTo(Connection.class)
                .list());
  }

  public List<Connection> all(int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM connection ORDER BY updated_at_ms DESC LIMIT :n")
                .bind("n", limit)
                .mapTo(Connection.class)
                .list());
  }

  /**
   * Inserts the connection, or overwrites the stored one unless the stored one is newer by ordering
   * timestamp (equal timestamps overwrite, as Terra recommends). The creation time and a known
   * widget session id are kept.
   *
   * @return whether the row was written
   */
  public boolean upsert(Handle handle, Connection connection) {
    return handle
            .createUpdate(
                "INSERT INTO connection ("
                    + COLUMNS
                    + ") VALUES (:terraUserId, :referenceId, :provider, :state, :scopes, :detail,"
                    + " :widgetSessionId, :orderingTimestampMs, :createdAtMs, :updatedAtMs)"
                    + " ON CONFLICT (terra_user_id) DO UPDATE SET"
                    + " reference_id = COALESCE(excluded.reference_id, connection.reference_id),"
                    + " provider = COALESCE(excluded.provider, connection.provider),"
                    + " state = excluded.state, scopes = excluded.scopes,"
                    + " detail = excluded.detail,"
                    + " widget_session_id ="
                    + " COALESCE(connection.widget_session_id, excluded.widget_session_id),"
                    + " ordering_ts_ms = excluded.ordering_ts_ms,"
                    + " updated_at_ms = excluded.updated_at_ms"
                    + " WHERE connection.ordering_ts_ms <= excluded.ordering_ts_ms")
            .bindMethods(Row.of(connection))
            .execute()
        == 1;
  }

  /** Moves a connection to a new Terra user id (user_reauth); false when the old id is unknown. */
  public boolean rekey(Handle handle, String oldTerraUserId, String newTerraUserId) {
    return handle
            .createUpdate(
                "UPDATE connection SET terra_user_id = :newId WHERE terra_user_id = :oldId")
            .bind("oldId", oldTerraUserId)
            .bind("newId", newTerraUserId)
            .execute()
        == 1;
  }

  public boolean delete(Handle handle, String terraUserId) {
    return handle
            .createUpdate("DELETE FROM connection WHERE terra_user_id = :id")
            .bind("id", terraUserId)
            .execute()
        == 1;
  }

  private static Connection map(ResultSet row, StatementContext context) throws SQLException {
    return new Connection(
        row.getString("terra_user_id"),
        row.getString("reference_id"),
        row.getString("provider"),
        ConnectionState.parse(row.getString("state")),
        Scopes.sorted(Scopes.parse(row.getString("scopes"))),
        row.getString("detail"),
        row.getString("widget_session_id"),
        row.getLong("ordering_ts_ms"),
        row.getLong("created_at_ms"),
        row.getLong("updated_at_ms"));
  }
}
