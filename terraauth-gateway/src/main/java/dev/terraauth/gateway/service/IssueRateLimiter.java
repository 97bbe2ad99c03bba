package dev.terraauth.gateway.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * At most {@code limit} issues of one kind per user in a sliding window, counted and recorded in
 * one transaction: the transaction first upserts the (kind, user) row, which queues concurrent
 * issuers for that key behind its row lock on PostgreSQL (across gateway instances) and behind the
 * write lock on SQLite (transactions begin IMMEDIATE), then counts the window and records the
 * issue. A separate check-then-insert lets concurrent requests all pass the check. Thread-safe.
 */
public final class IssueRateLimiter {
  private final Jdbi jdbi;
  private final Clock clock;

  public IssueRateLimiter(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** What is limited: a token kind, at {@code limit} per {@code window} per user. */
  public record Limit(String kind, int limit, Duration window) {
    public Limit {
      if (kind == null || kind.isBlank() || limit < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "a limit needs a kind, limit >= 1 and a positive window");
      }
    }
  }

  /** One recorded issue; {@link #release} gives it back when the issue failed. */
  public record Reservation(String id) {}

  /**
   * Records one issue for the user, or refuses.
   *
   * @throws IssueLimitException when the user is at the limit (the HTTP answer is a 429 with {@code
   *     Retry-After})
   */
  public Reservation acquire(String userId, Limit limit) {
    String key = limit.kind() + ":" + userId;
    String id = UUID.randomUUID().toString();
    Long retryAfter =
        jdbi.inTransaction(
            handle -> {
              lockKey(handle, key, clock.millis());
              // the time is read once the key is held: a time read before waiting for the lock
              // would be older than the issues recorded meanwhile (a Retry-After past the window)
              long now = clock.millis();
              long since = now - limit.window().toMillis();
              handle
                  .createUpdate(
                      "DELETE FROM issue_rate_event WHERE limit_key = :key AND issued_at_ms <= :since")
                  .bind("key", key)
                  .bind("since", since)
                  .execute();
              List<Long> recent =
                  handle
                      .createQuery(
                          "SELECT issued_at_ms FROM issue_rate_event WHERE limit_key = :key"
                              + " ORDER BY issued_at_ms")
                      .bind("key", key)
                      .mapTo(Long.class)
                      .list();
              if (recent.size() >= limit.limit()) {
                long freeAt = recent.get(recent.size() - limit.limit()) + limit.window().toMillis();
                return Math.max(1, (freeAt - now + 999) / 1000);
              }
              handle
                  .createUpdate(
                      "INSERT INTO issue_rate_event (id, limit_key, issued_at_ms)"
                          + " VALUES (:id, :key, :now)")
                  .bind("id", id)
                  .bind("key", key)
                  .bind("now", now)
                  .execute();
              return null;
            });
    if (retryAfter != null) {
      throw new IssueLimitException(limit, retryAfter);
    }
    return new Reservation(id);
  }

  /** Gives an issue back (Terra failed, nothing was handed out), so it does not count. */
  public void release(Reservation reservation) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM issue_rate_event WHERE id = :id")
                .bind("id", reservation.id())
                .execute());
  }

  private static void lockKey(Handle handle, String key, long now) {
    handle
        .createUpdate(
            "INSERT INTO issue_rate_key (limit_key, touched_at_ms) VALUES (:key, :now)"
                + " ON CONFLICT (limit_key) DO UPDATE SET touched_at_ms = excluded.touched_at_ms")
        .bind("key", key)
        .bind("now", now)
        .execute();
  }
}
