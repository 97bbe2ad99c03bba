package dev.terraauth.gateway.relay;

import dev.terraauth.gateway.store.PlannedEachTime;
import dev.terraauth.gateway.webhook.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The relay's outbox: the event log every stored delivery joins ({@code relay_event}, which the
 * pull feed reads) and one message per matching endpoint ({@code relay_message}), both written in
 * the intake's own transaction by {@link #queueAll}.
 */
public final class OutboxStore {
  /** PostgreSQL advisory lock held while events get their seq: seq order is commit order. */
  static final long SEQ_LOCK_KEY = 0x7e77a_0e1L;

  /** Events queued again per statement by a replay since a time. */
  private static final int REPLAY_CHUNK = 500;

  private final Jdbi jdbi;
  private final boolean postgres;
  private final RelaySignal signal;
  private final Clock clock;
  private final AtomicLong queued = new AtomicLong();
  private volatile Handoff handoff;

  /**
   * Takes freshly queued messages straight to this instance's dispatcher: they are inserted already
   * leased to it, so the first attempt needs no claim (no extra commit) after the intake's commit.
   * Crash-safe: the lease is in the same transaction, and expires like any other.
   */
  public interface Handoff {
    String owner();

    long leaseMs();

    /** Reserves room for one message of the endpoint; false: queue it for claiming instead. */
    boolean reserve(String endpointId);

    void release(String endpointId);

    /** After the commit: the messages now leased to this instance. */
    void accept(List<OutboundMessage> messages);

    /**
     * After a commit that queued messages for these endpoints to be claimed (not handed over: an
     * ordered endpoint's, a replay's, or past the hand-off room): look for them now rather than
     * after the endpoint's idle interval.
     */
    void queued(java.util.Set<String> endpointIds);
  }

  /** Sets the dispatcher that takes fresh messages (null: every message is claimed). */
  public void handoff(Handoff fast) {
    this.handoff = fast;
  }

  public OutboxStore(Jdbi jdbi, boolean postgres, RelaySignal signal, Clock clock) {
    this.jdbi = jdbi;
    this.postgres = postgres;
    this.signal = signal;
    this.clock = clock;
  }

  /**
   * Inside the intake's batch transaction, right after its new deliveries were stored: logs each as
   * an event and queues one message per enabled endpoint whose filter matches. Never called for
   * refused or duplicate deliveries, so none is ever queued for them; it commits (or rolls back)
   * with the deliveries themselves, so an acknowledged delivery always has its messages.
   */
  public void queueAll(Handle handle, List<WebhookDelivery> stored) {
    if (stored.isEmpty()) {
      return;
    }
    Handoff fast = handoff;
    long now = clock.millis();
    List<OutboxBatches.Planned> planned;
    List<OutboundMessage> kept;
    if (postgres) {
      // held to the commit: instances take seqs one batch at a time, in commit order; the same
      // round trip reads the endpoints (the next statement's snapshot is taken after the lock)
      List<RelayEndpoint> endpoints = new ArrayList<>();
      handle
          .createQuery(
              "SELECT e.* FROM (SELECT pg_advisory_xact_lock(:k)) AS locked LEFT JOIN"
                  + " relay_endpoint e ON e.enabled = 1 ORDER BY e.id")
          .bind("k", SEQ_LOCK_KEY)
          .map(EndpointStore::mapOrNull)
          .forEach(
              endpoint -> {
                if (endpoint != null) {
                  endpoints.add(endpoint);
                }
              });
      List<OutboxBatches.Planned> mine = plan(endpoints, stored, fast);
      planned = mine;
      kept =
          insertOrGiveBack(
              mine, fast, () -> OutboxBatches.insertPostgres(handle, stored, mine, fast, now));
    } else {
      List<OutboxBatches.Planned> mine = plan(EndpointStore.enabled(handle), stored, fast);
      planned = mine;
      kept =
          insertOrGiveBack(
              mine, fast, () -> OutboxBatches.insertPortable(handle, stored, mine, fast, now));
    }
    int queuedNow = planned.size();
    java.util.Set<String> toClaim = new java.util.HashSet<>();
    for (OutboxBatches.Planned message : planned) {
      if (!message.leased()) {
        toClaim.add(message.endpoint().id());
      }
    }
    handle.afterCommit(
        () -> {
          queued.addAndGet(queuedNow);
          if (!kept.isEmpty()) {
            fast.accept(kept);
          }
          if (fast != null && !toClaim.isEmpty()) {
            fast.queued(toClaim);
          }
          signal.raise();
        });
    if (!kept.isEmpty()) {
      handle.afterRollback(() -> kept.forEach(message -> fast.release(message.endpointId())));
    }
  }

  /**
   * Runs the insert; when it throws, gives back the room {@link #plan} reserved for the messages it
   * meant to hand over (the insert releases it itself only once its statements ran). The batch may
   * run again alone, reserving anew: without this a failing batch kept its reservations for good.
   */
  private static List<OutboundMessage> insertOrGiveBack(
      List<OutboxBatches.Planned> planned,
      Handoff fast,
      java.util.function.Supplier<List<OutboundMessage>> insert) {
    try {
      return insert.get();
    } catch (RuntimeException e) {
      for (OutboxBatches.Planned message : planned) {
        if (message.leased()) {
          fast.release(message.endpoint().id());
        }
      }
      throw e;
    }
  }

  /** Which endpoint gets which delivery, and which of those messages skip the claim. */
  private static List<OutboxBatches.Planned> plan(
      List<RelayEndpoint> endpoints, List<WebhookDelivery> stored, Handoff fast) {
    List<OutboxBatches.Planned> planned = new ArrayList<>();
    for (RelayEndpoint endpoint : endpoints) {
      for (int i = 0; i < stored.size(); i++) {
        if (endpoint.filter().matches(stored.get(i).eventType())) {
          // ordered endpoints go through the claim, which checks the user's earlier messages
          boolean leased = fast != null && !endpoint.ordered() && fast.reserve(endpoint.id());
          planned.add(new OutboxBatches.Planned(endpoint, i, leased));
        }
      }
    }
    return planned;
  }

  /** After a replay committed: this instance's dispatcher looks for the endpoint's messages now. */
  private void queuedFor(String endpointId) {
    Handoff fast = handoff;
    if (fast != null) {
      fast.queued(java.util.Set.of(endpointId));
    }
    signal.raise();
  }

  /** Messages queued by this instance since start (for metrics). */
  public long queuedCount() {
    return queued.get();
  }

  /**
   * {@code msg_} and 32 hex digits: the creation time in milliseconds (12 digits), then 80 random
   * bits. Time first, so a new id lands at the end of the unique index instead of on a random page:
   * on SQLite a random page costs each batch a 4 KB WAL frame per event (13 % of the intake's WAL
   * bytes), on PostgreSQL a random B-tree page. Unique by the index, unguessable by the random
   * part.
   */
  static String newEventId() {
    byte[] random = new byte[10];
    ID_RANDOM.nextBytes(random);
    java.util.HexFormat hex = java.util.HexFormat.of();
    // the low 12 of the millisecond count's 16 hex digits: enough until the year 10889
    return "msg_"
        + hex.toHexDigits(System.currentTimeMillis()).substring(4)
        + hex.formatHex(random);
  }

  private static final java.security.SecureRandom ID_RANDOM = new java.security.SecureRandom();

  /** Whether the endpoint has a message due now that no live lease holds (a cheap read). */
  public boolean hasDue(String endpointId, long nowMs) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT 1 FROM relay_message WHERE endpoint_id = :ep AND state = 'pending' AND"
                        + " next_attempt_at_ms <= :now AND (lease_until_ms IS NULL OR"
                        + " lease_until_ms < :now) LIMIT 1")
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bind("ep", endpointId)
                .bind("now", nowMs)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  /**
   * The claim's statement; its inner query reads {@code relay_message_pending}, which holds pending
   * messages only (a scan of the primary key walked the endpoint's whole delivered history).
   */
  static String claimSql(boolean ordered, boolean postgres) {
    String orderedClause =
        ordered
            ? " AND NOT EXISTS (SELECT 1 FROM relay_message p WHERE p.endpoint_id = m.endpoint_id"
                + " AND p.terra_user_id = m.terra_user_id AND p.state = 'pending' AND p.event_seq"
                + " < m.event_seq)"
            : "";
    return "UPDATE relay_message SET lease_owner = :owner, lease_until_ms = :until, attempts ="
        + " attempts + 1 WHERE endpoint_id = :ep AND event_seq IN (SELECT m.event_seq FROM"
        + " relay_message m WHERE m.endpoint_id = :ep AND m.state = 'pending' AND"
        + " m.next_attempt_at_ms <= :now AND (m.lease_until_ms IS NULL OR m.lease_until_ms <"
        + " :now)"
        + orderedClause
        + " ORDER BY m.event_seq LIMIT :n"
        + (postgres ? " FOR UPDATE OF m SKIP LOCKED" : "")
        + ") RETURNING event_seq, attempts, retry_index";
  }

  /**
   * Leases up to {@code limit} due messages of the endpoint to {@code owner}, oldest first. With
   * {@code ordered}, a message waits while an earlier one for the same Terra user is pending. On
   * PostgreSQL rows another instance is leasing right now are skipped ({@code FOR UPDATE SKIP
   * LOCKED}); a lease that expired (its instance died) is taken over.
   */
  public List<OutboundMessage> claim(
      Handle handle,
      String endpointId,
      boolean ordered,
      int limit,
      String owner,
      long nowMs,
      long leaseMs) {
    String sql = claimSql(ordered, postgres);

    List<long[]> leased =
        handle
            .createQuery(sql)
            .addCustomizer(PlannedEachTime.INSTANCE)
            .bind("owner", owner)
            .bind("until", nowMs + leaseMs)
            .bind("ep", endpointId)
            .bind("now", nowMs)
            .bind("n", limit)
            .map(
                (row, ctx) ->
                    new long[] {
                      row.getLong("event_seq"), row.getInt("attempts"), row.getInt("retry_index")
                    })
            .list();
    if (leased.isEmpty()) {
      return List.of();
    }
    List<Long> seqs = new ArrayList<>(leased.size());
    for (long[] lease : leased) {
      seqs.add(lease[0]);
    }
    String select =
        "SELECT e.seq, e.id, e.trace_id, e.event_type, e.terra_user_id, e.received_at_ms, d.body"
            + " FROM relay_event e LEFT JOIN webhook_delivery d ON d.dedupe_key = e.dedupe_key"
            + " WHERE e.seq ";
    // PostgreSQL: one array parameter, so the statement's text (and its prepared plan) is the same
    // for every claim; a list of placeholders is a new statement for each claim's size
    Map<Long, FeedEvent> events =
        (postgres
                ? handle
                    .createQuery(select + "= ANY(CAST(:seqs AS bigint[]))")
                    .addCustomizer(PlannedEachTime.INSTANCE)
                    .bindArray("seqs", Long.class, seqs.toArray())
                : handle.createQuery(select + "IN (<seqs>)").bindList("seqs", seqs))
            .map(OutboxStore::feedEvent)
            .collectToMap(FeedEvent::seq, event -> event);
    List<OutboundMessage> claimed = new ArrayList<>(leased.size());
    leased.sort((a, b) -> Long.compare(a[0], b[0]));
    for (long[] lease : leased) {
      FeedEvent event = events.get(lease[0]);
      claimed.add(
          new OutboundMessage(
              endpointId,
              lease[0],
              event == null ? "msg_missing_" + lease[0] : event.id(),
              event == null ? null : event.traceId(),
              event == null ? "unknown" : event.type(),
              event == null ? null : event.terraUserId(),
              event == null ? 0 : event.receivedAtMs(),
              event == null ? null : event.body(),
              (int) lease[1],
              (int) lease[2],
              nowMs + leaseMs));
    }
    return claimed;
  }

  /** Where a finished attempt leaves its message. */
  public record Outcome(AttemptResult result, String state, long nextAttemptAtMs, int retryIndex) {}

  /**
   * Records finished attempts in one transaction: each attempt's row, and its message's new state,
   * only while this instance still holds that lease (a lease taken over is not overwritten).
   * Returns the ids of endpoints that crossed {@code disableBeforeMs} and were disabled.
   */
  public List<String> record(
      Handle handle, List<Outcome> outcomes, String owner, long nowMs, long disableBeforeMs) {
    if (outcomes.isEmpty()) {
      return List.of();
    }

    Map<String, Boolean> lastDelivered = new java.util.LinkedHashMap<>();
    for (Outcome outcome : outcomes) {
      lastDelivered.put(outcome.result().message().endpointId(), outcome.result().delivered());
    }
    if (postgres) {
      OutboxBatches.recordPostgres(handle, outcomes, owner, nowMs, lastDelivered);
    } else {
      OutboxBatches.recordPortable(handle, outcomes, owner, nowMs, lastDelivered);
    }
    List<String> disabled = new ArrayList<>();
    for (Map.Entry<String, Boolean> endpoint : lastDelivered.entrySet()) {
      if (endpoint.getValue()) {
        continue; // recovered: done with the attempts
      }
      handle
          .createUpdate(
              "UPDATE relay_endpoint SET failing_since_ms = :now WHERE id = :ep AND"
                  + " failing_since_ms IS NULL")
          .bind("ep", endpoint.getKey())
          .bind("now", nowMs)
          .execute();
      int off =
          handle
              .createUpdate(
                  "UPDATE relay_endpoint SET enabled = 0, disabled_reason = :reason,"
                      + " updated_at_ms = :now WHERE id = :ep AND enabled = 1 AND"
                      + " failing_since_ms <= :before")
              .bind(
                  "reason",
                  "failing without a success since before "
                      + java.time.Instant.ofEpochMilli(disableBeforeMs))
              .bind("now", nowMs)
              .bind("ep", endpoint.getKey())
              .bind("before", disableBeforeMs)
              .execute();
      if (off > 0) {
        disabled.add(endpoint.getKey());
      }
    }
    return disabled;
  }

  /**
   * Queues one event again for the endpoint (creating its message if the endpoint never had it),
   * due now, keeping its {@code webhook-id}. False when no such event is retained. Bumping {@code
   * attempts} fences out an attempt in flight: its result no longer overwrites the replay, and the
   * message is sent again once that attempt is over (never twice at once).
   */
  public boolean replayMessage(String endpointId, String eventId) {
    long now = clock.millis();
    int rows =
        jdbi.inTransaction(
            handle ->
                handle
                    .createUpdate(
                        "INSERT INTO relay_message (endpoint_id, event_seq, terra_user_id, state,"
                            + " attempts, retry_index, next_attempt_at_ms, created_at_ms) SELECT"
                            + " :ep, seq, terra_user_id, 'pending', 0, 0, :now, :now FROM"
                            + " relay_event WHERE id = :id ON CONFLICT (endpoint_id, event_seq) DO"
                            + " UPDATE SET state = 'pending', retry_index = 0, next_attempt_at_ms"
                            + " = :now, attempts = relay_message.attempts + 1")
                    .addCustomizer(PlannedEachTime.INSTANCE)
                    .bind("ep", endpointId)
                    .bind("now", now)
                    .bind("id", eventId)
                    .execute());
    if (rows > 0) {
      queuedFor(endpointId);
    }
    return rows > 0;
  }

  /**
   * Queues again every retained event received at or after {@code sinceMs} that the filter matches,
   * up to {@code max}; returns how many.
   */
  public int replaySince(String endpointId, EventTypeFilter filter, long sinceMs, int max) {
    long now = clock.millis();
    int count =
        jdbi.inTransaction(
            handle -> {
              List<long[]> seqs = new ArrayList<>();
              handle
                  .createQuery(
                      "SELECT seq, event_type FROM relay_event WHERE received_at_ms >= :since ORDER"
                          + " BY seq LIMIT :n")
                  .addCustomizer(PlannedEachTime.INSTANCE)
                  .bind("since", sinceMs)
                  .bind("n", max)
                  .map(
                      (row, ctx) ->
                          filter.matches(row.getString("event_type")) ? row.getLong("seq") : -1L)
                  .forEach(
                      seq -> {
                        if (seq >= 0) {
                          seqs.add(new long[] {seq});
                        }
                      });
              if (seqs.isEmpty()) {
                return 0;
              }
              // a few hundred events a statement (SQLite allows 32,766 bound values)
              for (int from = 0; from < seqs.size(); from += REPLAY_CHUNK) {
                List<Long> chunk = new ArrayList<>();
                for (long[] seq : seqs.subList(from, Math.min(seqs.size(), from + REPLAY_CHUNK))) {
                  chunk.add(seq[0]);
                }
                handle
                    .createUpdate(
                        "INSERT INTO relay_message (endpoint_id, event_seq, terra_user_id, state,"
                            + " attempts, retry_index, next_attempt_at_ms, created_at_ms) SELECT"
                            + " :ep, seq, terra_user_id, 'pending', 0, 0, :now, :now FROM"
                            + " relay_event WHERE seq IN (<seqs>) ON CONFLICT (endpoint_id,"
                            + " event_seq) DO UPDATE SET state = 'pending', retry_index = 0,"
                            + " next_attempt_at_ms = :now, attempts = relay_message.attempts + 1")
                    .addCustomizer(PlannedEachTime.INSTANCE)
                    .bind("ep", endpointId)
                    .bind("now", now)
                    .bindList("seqs", chunk)
                    .execute();
              }
              return seqs.size();
            });
    if (count > 0) {
      queuedFor(endpointId);
    }
    return count;
  }

  /** The pull feed: events after {@code afterSeq} in commit order. */
  public List<FeedEvent> events(long afterSeq, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT e.seq, e.id, e.trace_id, e.event_type, e.terra_user_id,"
                        + " e.received_at_ms, d.body FROM relay_event e JOIN webhook_delivery d ON"
                        + " d.dedupe_key = e.dedupe_key WHERE e.seq > :after ORDER BY e.seq LIMIT"
                        + " :n")
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bind("after", afterSeq)
                .bind("n", limit)
                .map(OutboxStore::feedEvent)
                .list());
  }

  /** The latest attempts of an endpoint, newest first. */
  public List<AttemptRecord> attempts(String endpointId, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT e.id, e.trace_id, e.event_type, a.attempt, a.started_at_ms,"
                        + " a.duration_ms, a.status, a.error, a.instance FROM relay_attempt a LEFT"
                        + " JOIN relay_event e ON e.seq = a.event_seq WHERE a.endpoint_id = :ep"
                        + " ORDER BY a.started_at_ms DESC, a.event_seq DESC, a.attempt DESC LIMIT"
                        + " :n")
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bind("ep", endpointId)
                .bind("n", limit)
                .map(
                    (row, ctx) -> {
                      int status = row.getInt("status");
                      Integer httpStatus = row.wasNull() ? null : status;
                      return new AttemptRecord(
                          row.getString("id"),
                          row.getString("trace_id"),
                          row.getString("event_type"),
                          row.getInt("attempt"),
                          row.getLong("started_at_ms"),
                          row.getLong("duration_ms"),
                          httpStatus,
                          row.getString("error"),
                          row.getString("instance"));
                    })
                .list());
  }

  /** Creation time of the endpoint's oldest pending message (an index range, not a count). */
  public Long oldestPendingMs(String endpointId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT MIN(created_at_ms) FROM relay_message WHERE endpoint_id = :ep AND"
                        + " state = 'pending'")
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bind("ep", endpointId)
                .mapTo(Long.class)
                .findOne()
                .orElse(null));
  }

  public EndpointStats stats(String endpointId) {
    return jdbi.withHandle(
        handle -> {
          long[] counts = new long[3];
          Long[] oldest = {null};
          handle
              .createQuery(
                  "SELECT state, COUNT(*) AS n, MIN(created_at_ms) AS oldest FROM relay_message"
                      + " WHERE endpoint_id = :ep GROUP BY state")
              .addCustomizer(PlannedEachTime.INSTANCE)
              .bind("ep", endpointId)
              .map(
                  (row, ctx) -> {
                    String state = row.getString("state");
                    long n = row.getLong("n");
                    switch (state) {
                      case "pending" -> {
                        counts[0] = n;
                        oldest[0] = row.getLong("oldest");
                      }
                      case "delivered" -> counts[1] = n;
                      default -> counts[2] += n;
                    }
                    return state;
                  })
              .list();
          return new EndpointStats(counts[0], counts[1], counts[2], oldest[0]);
        });
  }

  /**
   * Deletes at most {@code limit} events received before {@code beforeMs}, with their messages and
   * attempts (the same horizon as the delivery bodies); returns how many events.
   */
  public int prune(long beforeMs, int limit) {
    return jdbi.inTransaction(
        handle -> {
          List<Long> seqs =
              handle
                  .createQuery(
                      "SELECT seq FROM relay_event WHERE received_at_ms < :before ORDER BY seq"
                          + " LIMIT :n")
                  .addCustomizer(PlannedEachTime.INSTANCE)
                  .bind("before", beforeMs)
                  .bind("n", limit)
                  .mapTo(Long.class)
                  .list();
          if (seqs.isEmpty()) {
            return 0;
          }
          for (String table : List.of("relay_attempt", "relay_message")) {
            handle
                .createUpdate("DELETE FROM " + table + " WHERE event_seq IN (<seqs>)")
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bindList("seqs", seqs)
                .execute();
          }
          return handle
              .createUpdate("DELETE FROM relay_event WHERE seq IN (<seqs>)")
              .addCustomizer(PlannedEachTime.INSTANCE)
              .bindList("seqs", seqs)
              .execute();
        });
  }

  private static FeedEvent feedEvent(ResultSet row, StatementContext context) throws SQLException {
    return new FeedEvent(
        row.getLong("seq"),
        row.getString("id"),
        row.getString("trace_id"),
        row.getString("event_type"),
        row.getString("terra_user_id"),
        row.getLong("received_at_ms"),
        row.getString("body"));
  }
}
