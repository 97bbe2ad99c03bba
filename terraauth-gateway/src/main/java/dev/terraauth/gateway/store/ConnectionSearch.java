package dev.terraauth.gateway.store;

import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The dashboard's connection list: a search, a state filter and pages, newest change first. */
public final class ConnectionSearch {
  private static final String COLUMNS =
      "terra_user_id, reference_id, provider, state, scopes, detail, widget_session_id,"
          + " ordering_ts_ms, created_at_ms, updated_at_ms";

  private final Jdbi jdbi;

  /** Needs the row mapper a {@link ConnectionStore} registers on the same Jdbi. */
  public ConnectionSearch(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * What to show. Nullable: text (matches part of a reference id, Terra user id or provider,
   * ignoring case) and state.
   */
  public record Filter(String text, ConnectionState state) {
    public Filter {
      text = text == null || text.isBlank() ? null : text.strip();
    }
  }

  public List<Connection> page(Filter filter, int offset, int limit) {
    return jdbi.withHandle(
        handle ->
            bind(
                    handle.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM connection"
                            + where(filter)
                            + " ORDER BY updated_at_ms DESC, terra_user_id DESC LIMIT :n OFFSET :o"),
                    filter)
                .bind("n", limit)
                .bind("o", offset)
                .mapTo(Connection.class)
                .list());
  }

  public long count(Filter filter) {
    return jdbi.withHandle(
        handle ->
            bind(handle.createQuery("SELECT COUNT(*) FROM connection" + where(filter)), filter)
                .mapTo(Long.class)
                .one());
  }

  private static String where(Filter filter) {
    StringBuilder where = new StringBuilder();
    if (filter.text() != null) {
      where.append(
          " WHERE (LOWER(reference_id) LIKE :q ESCAPE '!' OR LOWER(terra_user_id) LIKE :q"
              + " ESCAPE '!' OR LOWER(provider) LIKE :q ESCAPE '!')");
    }
    if (filter.state() != null) {
      where.append(where.length() == 0 ? " WHERE" : " AND").append(" state = :state");
    }
    return where.toString();
  }

  private static Query bind(Query query, Filter filter) {
    if (filter.text() != null) {
      String escaped =
          filter
              .text()
              .toLowerCase(Locale.ROOT)
              .replace("!", "!!")
              .replace("%", "!%")
              .replace("_", "!_");
      query.bind("q", "%" + escaped + "%");
    }
    if (filter.state() != null) {
      query.bind("state", filter.state().id());
    }
    return query;
  }
}
