package dev.terraauth.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Widget sessions and mobile tokens issued, in the {@code auth_session} table. */
public final class SessionStore {
  private static final String COLUMNS =
      "id, kind, reference_id, return_nonce, issued_at_ms, expires_at_ms, outcome,"
          + " outcome_detail, return_url, redirect_hint, terra_user_id, completed_at_ms";

  private final Jdbi jdbi;
  private final GroupCommitWriter writer;

  public SessionStore(Jdbi jdbi) {
    this(jdbi, null);
  }

  /**
   * @param writer when given, {@link #insert(AuthSession)} goes through its group commit (one fsync
   *     shared with the webhook deliveries of the same batch)
   */
  public SessionStore(Jdbi jdbi, GroupCommitWriter writer) {
    this.jdbi = jdbi;
    this.writer = writer;
    jdbi.registerRowMapper(AuthSession.class, SessionStore::map);
  }

  public void insert(AuthSession session) {
    if (writer != null) {
      writer.write(
          handle -> {
            insert(handle, session);
            return null;
          });
    } else {
      jdbi.useHandle(handle -> insert(handle, session));
    }
  }

  /** Inserts in the caller's transaction (the group commit writer's batch). */
  public void insert(Handle handle, AuthSession session) {
    handle
        .createUpdate(
            "INSERT INTO auth_session ("
                + COLUMNS
                + ") VALUES (:id, :kind, :referenceId, :returnNonce, :issuedAtMs,"
                + " :expiresAtMs, :outcome, :outcomeDetail, :returnUrl, :redirectHint, :terraUserId,"
                + " :completedAtMs) ON CONFLICT (id) DO NOTHING")
        .bindMethods(session) // the record's accessors, enums by name
        .execute();
  }

  public Optional<AuthSession> find(String id) {
    return jdbi.withHandle(handle -> find(handle, id));
  }

  public Optional<AuthSession> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM auth_session WHERE id = :id")
        .bind("id", id)
        .mapTo(AuthSession.class)
        .findOne();
  }

  public Optional<AuthSession> findByNonce(String nonce) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM auth_session WHERE return_nonce = :n")
                .bind("n", nonce)
                .mapTo(AuthSession.class)
                .findOne());
  }

  public List<AuthSession> byReference(String referenceId, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM auth_session WHERE reference_id = :ref"
                        + " ORDER BY issued_at_ms DESC LIMIT :n")
                .bind("ref", referenceId)
                .bind("n", limit)
                .mapTo(AuthSession.class)
                .list());
  }

  public List<AuthSession> recent(int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + COLUMNS + " FROM auth_session ORDER BY issued_at_ms DESC LIMIT :n")
                .bind("n", limit)
                .mapTo(AuthSession.class)
                .list());
  }

  /** Records the unauthenticated redirect outcome as a hint (never as the truth). */
  public boolean recordRedirectHint(String nonce, String hint, String terraUserIdHint) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE auth_session SET redirect_hint = :hint,"
                            + " terra_user_id = COALESCE(terra_user_id, :userId)"
                            + " WHERE return_nonce = :n")
                    .bind("hint", hint)
                    .bind("userId", terraUserIdHint)
                    .bind("n", nonce)
                    .execute())
        == 1;
  }

  /**
   * Settles a pending session with a webhook outcome; returns false when it was not pending (or
   * does not exist), so a duplicate or late event changes nothing.
   */
  public boolean settle(
      Handle handle,
      String id,
      AuthSession.Outcome outcome,
      String detail,
      String terraUserId,
      long atMs) {
    return handle
            .createUpdate(
                "UPDATE auth_session SET outcome = :outcome, outcome_detail = :detail,"
                    + " terra_user_id = COALESCE(:userId, terra_user_id), completed_at_ms = :at"
                    + " WHERE id = :id AND outcome = 'PENDING'")
            .bind("outcome", outcome.name())
            .bind("detail", detail)
            .bind("userId", terraUserId)
            .bind("at", atMs)
            .bind("id", id)
            .execute()
        == 1;
  }

  /** The newest pending session of a user and kind issued after {@code sinceMs}, if any. */
  public Optional<AuthSession> newestPending(
      Handle handle, String referenceId, AuthSession.Kind kind, long sinceMs) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM auth_session WHERE reference_id = :ref AND kind = :kind"
                + " AND outcome = 'PENDING' AND issued_at_ms >= :since"
                + " ORDER BY issued_at_ms DESC LIMIT 1")
        .bind("ref", referenceId)
        .bind("kind", kind.name())
        .bind("since", sinceMs)
        .mapTo(AuthSession.class)
        .findOne();
  }

  static AuthSession map(ResultSet row, StatementContext context) throws SQLException {
    long completed = row.getLong("completed_at_ms");
    Long completedAt = row.wasNull() ? null : completed;
    return new AuthSession(
        row.getString("id"),
        AuthSession.Kind.valueOf(row.getString("kind")),
        row.getString("reference_id"),
        row.getString("return_nonce"),
        row.getLong("issued_at_ms"),
        row.getLong("expires_at_ms"),
        AuthSession.Outcome.valueOf(row.getString("outcome")),
        row.getString("outcome_detail"),
        row.getString("return_url"),
        row.getString("redirect_hint"),
        row.getString("terra_user_id"),
        completedAt);
  }
}
