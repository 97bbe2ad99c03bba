package dev.terraauth.gateway.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The dashboard's pages of widget sessions and mobile tokens, newest first. */
public final class SessionSearch {
  private static final String COLUMNS =
      "id, kind, reference_id, return_nonce, issued_at_ms, expires_at_ms, outcome,"
          + " outcome_detail, return_url, redirect_hint, terra_user_id, completed_at_ms";

  private final Jdbi jdbi;

  public SessionSearch(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<AuthSession> page(int offset, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM auth_session ORDER BY issued_at_ms DESC, id DESC LIMIT :n OFFSET :o")
                .bind("n", limit)
                .bind("o", offset)
                .map(SessionStore::map)
                .list());
  }

  public long count() {
    return jdbi.withHandle(
        handle -> handle.createQuery("SELECT COUNT(*) FROM auth_session").mapTo(Long.class).one());
  }
}
