package dev.terraauth.gateway.relay;

import dev.terraauth.gateway.store.PlannedEachTime;
import dev.terraauth.gateway.webhook.WebhookDelivery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The outbox's writes of a group-commit batch, in the batch's transaction: its events and messages,
 * and its attempt results. On PostgreSQL each is one statement over arrays ({@code unnest}): one
 * round trip and one execution however large the batch, where a prepared batch costs one execution
 * per row. SQLite (in-process, no round trips) takes prepared batches.
 */
final class OutboxBatches {
  private OutboxBatches() {}

  /**
   * One message to queue: for the endpoint, of the batch's {@code index}-th delivery; {@code
   * leased}: handed straight to this instance's dispatcher (room reserved).
   */
  record Planned(RelayEndpoint endpoint, int index, boolean leased) {}

  static OutboundMessage leasedMessage(
      Planned message, WebhookDelivery delivery, long seq, String eventId, long untilMs) {
    return new OutboundMessage(
        message.endpoint().id(),
        seq,
        eventId,
        delivery.traceId(),
        delivery.eventType(),
        delivery.terraUserId(),
        delivery.receivedAtMs(),
        delivery.body(),
        1,
        0,
        untilMs);
  }

  /**
   * PostgreSQL: the batch's events and messages in one statement (one round trip, one execution
   * however large the batch), seqs counted on from the highest committed one. Messages are inserted
   * from the events the statement inserted, so a delivery whose event row was not inserted queues
   * nothing. Returns the leased messages that were inserted; releases the others' room.
   */
  static List<OutboundMessage> insertPostgres(
      Handle handle,
      List<WebhookDelivery> stored,
      List<Planned> planned,
      OutboxStore.Handoff fast,
      long now) {
    int n = stored.size();
    String[] ids = new String[n];
    String[] keys = new String[n];
    String[] traces = new String[n];
    String[] types = new String[n];
    String[] users = new String[n];
    Long[] received = new Long[n];
    for (int i = 0; i < n; i++) {
      WebhookDelivery delivery = stored.get(i);
      ids[i] = OutboxStore.newEventId();
      keys[i] = delivery.dedupeKey();
      traces[i] = delivery.traceId();
      types[i] = delivery.eventType();
      users[i] = delivery.terraUserId();
      received[i] = delivery.receivedAtMs();
    }
    int m = planned.size();
    String[] endpointIds = new String[m];
    Long[] ordinals = new Long[m];
    Integer[] attempts = new Integer[m];
    String[] owners = new String[m];
    Long[] until = new Long[m];
    for (int j = 0; j < m; j++) {
      Planned message = planned.get(j);
      endpointIds[j] = message.endpoint().id();
      ordinals[j] = message.index() + 1L; // WITH ORDINALITY counts from 1
      attempts[j] = message.leased() ? 1 : 0;
      owners[j] = message.leased() ? fast.owner() : null;
      until[j] = message.leased() ? now + fast.leaseMs() : null;
    }
    long[] base = {-1};
    Set<String> inserted = new HashSet<>();
    handle
        .createQuery(
            "WITH base AS (SELECT COALESCE(MAX(seq), 0) AS s FROM relay_event), ev AS (INSERT INTO"
                + " relay_event (seq, id, dedupe_key, trace_id, event_type, terra_user_id,"
                + " received_at_ms) SELECT base.s + e.i, e.id, e.k, e.t, e.y, e.u, e.r FROM base"
                + " CROSS JOIN unnest(CAST(:ids AS text[]), CAST(:keys AS text[]), CAST(:traces"
                + " AS text[]), CAST(:types AS text[]), CAST(:users AS text[]), CAST(:received AS"
                + " bigint[])) WITH ORDINALITY AS e(id, k, t, y, u, r, i) ON CONFLICT (dedupe_key)"
                + " DO NOTHING RETURNING seq, terra_user_id), msg AS (INSERT INTO relay_message"
                + " (endpoint_id, event_seq, terra_user_id, state, attempts, retry_index,"
                + " next_attempt_at_ms, created_at_ms, lease_owner, lease_until_ms) SELECT m.ep,"
                + " ev.seq, ev.terra_user_id, 'pending', m.a, 0, :now, :now, m.o, m.u FROM base"
                + " CROSS JOIN unnest(CAST(:eps AS text[]), CAST(:ords AS bigint[]), CAST(:atts AS"
                + " integer[]), CAST(:owners AS text[]), CAST(:until AS bigint[])) AS m(ep, i, a,"
                + " o, u) JOIN ev ON ev.seq = base.s + m.i RETURNING endpoint_id, event_seq)"
                + " SELECT base.s AS base, msg.endpoint_id, msg.event_seq FROM base LEFT JOIN msg"
                + " ON TRUE")
        .bindArray("ids", String.class, (Object[]) ids)
        .bindArray("keys", String.class, (Object[]) keys)
        .bindArray("traces", String.class, (Object[]) traces)
        .bindArray("types", String.class, (Object[]) types)
        .bindArray("users", String.class, (Object[]) users)
        .bindArray("received", Long.class, (Object[]) received)
        .bindArray("eps", String.class, (Object[]) endpointIds)
        .bindArray("ords", Long.class, (Object[]) ordinals)
        .bindArray("atts", Integer.class, (Object[]) attempts)
        .bindArray("owners", String.class, (Object[]) owners)
        .bindArray("until", Long.class, (Object[]) until)
        .bind("now", now)
        .map(
            (row, ctx) -> {
              base[0] = row.getLong("base");
              String endpointId = row.getString("endpoint_id");
              if (endpointId != null) {
                inserted.add(endpointId + " " + row.getLong("event_seq"));
              }
              return endpointId;
            })
        .list();
    List<OutboundMessage> kept = new ArrayList<>();
    for (Planned message : planned) {
      if (!message.leased()) {
        continue;
      }
      long seq = base[0] + message.index() + 1;
      if (inserted.contains(message.endpoint().id() + " " + seq)) {
        kept.add(
            leasedMessage(
                message,
                stored.get(message.index()),
                seq,
                ids[message.index()],
                now + fast.leaseMs()));
      } else {
        fast.release(message.endpoint().id()); // no event row: nothing to send
      }
    }
    return kept;
  }

  /** SQLite (and any other database): prepared batches, seqs counted on under the write lock. */
  static List<OutboundMessage> insertPortable(
      Handle handle,
      List<WebhookDelivery> stored,
      List<Planned> planned,
      OutboxStore.Handoff fast,
      long now) {
    long seq =
        handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM relay_event").mapTo(Long.class).one();
    PreparedBatch events =
        handle.prepareBatch(
            "INSERT INTO relay_event (seq, id, dedupe_key, trace_id, event_type, terra_user_id,"
                + " received_at_ms) VALUES (:seq, :id, :key, :trace, :type, :user, :received)"
                + " ON CONFLICT (dedupe_key) DO NOTHING");
    long[] seqs = new long[stored.size()];
    String[] ids = new String[stored.size()];
    for (int i = 0; i < stored.size(); i++) {
      WebhookDelivery delivery = stored.get(i);
      seqs[i] = ++seq;
      ids[i] = OutboxStore.newEventId();
      events
          .bind("seq", seqs[i])
          .bind("id", ids[i])
          .bind("key", delivery.dedupeKey())
          .bind("trace", delivery.traceId())
          .bind("type", delivery.eventType())
          .bind("user", delivery.terraUserId())
          .bind("received", delivery.receivedAtMs())
          .add();
    }
    events.execute();
    PreparedBatch messages = null;
    PreparedBatch leased = null;
    List<OutboundMessage> handed = new ArrayList<>();
    for (Planned message : planned) {
      long messageSeq = seqs[message.index()];
      if (message.leased()) {
        if (leased == null) {
          leased =
              handle.prepareBatch(
                  "INSERT INTO relay_message (endpoint_id, event_seq, terra_user_id, state,"
                      + " attempts, retry_index, next_attempt_at_ms, created_at_ms,"
                      + " lease_owner, lease_until_ms) SELECT :ep, seq, terra_user_id,"
                      + " 'pending', 1, 0, :now, :now, :owner, :until FROM relay_event WHERE"
                      + " seq = :seq");
        }
        leased
            .bind("ep", message.endpoint().id())
            .bind("now", now)
            .bind("owner", fast.owner())
            .bind("until", now + fast.leaseMs())
            .bind("seq", messageSeq)
            .add();
        handed.add(
            leasedMessage(
                message,
                stored.get(message.index()),
                messageSeq,
                ids[message.index()],
                now + fast.leaseMs()));
        continue;
      }
      if (messages == null) {
        // from relay_event, so a delivery whose event row was not inserted queues nothing
        messages =
            handle.prepareBatch(
                "INSERT INTO relay_message (endpoint_id, event_seq, terra_user_id, state,"
                    + " attempts, retry_index, next_attempt_at_ms, created_at_ms) SELECT :ep,"
                    + " seq, terra_user_id, 'pending', 0, 0, :now, :now FROM relay_event WHERE"
                    + " seq = :seq");
      }
      messages.bind("ep", message.endpoint().id()).bind("now", now).bind("seq", messageSeq).add();
    }
    if (messages != null) {
      messages.execute();
    }
    List<OutboundMessage> kept = new ArrayList<>(handed.size());
    if (leased != null) {
      int[] inserted = leased.execute();
      for (int i = 0; i < handed.size(); i++) {
        if (i < inserted.length && inserted[i] > 0) {
          kept.add(handed.get(i));
        } else {
          fast.release(handed.get(i).endpointId()); // no event row: nothing to send
        }
      }
    }
    return kept;
  }

  /**
   * PostgreSQL: every attempt row, every message's new state and the recovered endpoints in one
   * statement (one round trip, one execution however many attempts).
   */
  static void recordPostgres(
      Handle handle,
      List<OutboxStore.Outcome> outcomes,
      String owner,
      long nowMs,
      Map<String, Boolean> lastDelivered) {
    int n = outcomes.size();
    String[] endpoints = new String[n];
    Long[] seqs = new Long[n];
    Integer[] attempts = new Integer[n];
    Long[] started = new Long[n];
    Long[] durations = new Long[n];
    Integer[] statuses = new Integer[n];
    String[] errors = new String[n];
    String[] states = new String[n];
    Integer[] retries = new Integer[n];
    Long[] next = new Long[n];
    Long[] delivered = new Long[n];
    for (int i = 0; i < n; i++) {
      OutboxStore.Outcome outcome = outcomes.get(i);
      AttemptResult result = outcome.result();
      OutboundMessage message = result.message();
      endpoints[i] = message.endpointId();
      seqs[i] = message.seq();
      attempts[i] = message.attempt();
      started[i] = result.startedAtMs();
      durations[i] = result.durationMs();
      statuses[i] = result.status();
      errors[i] = result.error();
      states[i] = outcome.state();
      retries[i] = outcome.retryIndex();
      next[i] = outcome.nextAttemptAtMs();
      delivered[i] = result.delivered() ? (Long) nowMs : null;
    }
    List<String> recovered = new ArrayList<>();
    lastDelivered.forEach(
        (endpoint, ok) -> {
          if (ok) {
            recovered.add(endpoint);
          }
        });
    // one row per message for the update: a message is attempted once per lease; should one come
    // twice, the first counts, as with one statement each (it releases the lease the next checks)
    handle
        .createUpdate(
            "WITH v AS (SELECT * FROM unnest(CAST(:eps AS text[]), CAST(:seqs AS bigint[]),"
                + " CAST(:attempts AS integer[]), CAST(:started AS bigint[]), CAST(:durations AS"
                + " bigint[]), CAST(:statuses AS integer[]), CAST(:errors AS text[]), CAST(:states"
                + " AS text[]), CAST(:retries AS integer[]), CAST(:next AS bigint[]),"
                + " CAST(:delivered AS bigint[])) WITH ORDINALITY AS v(ep, seq, attempt, started,"
                + " duration, status, error, state, retry, next, delivered, i)), a AS (INSERT INTO"
                + " relay_attempt (endpoint_id, event_seq, attempt, started_at_ms, duration_ms,"
                + " status, error, instance) SELECT ep, seq, attempt, started, duration, status,"
                + " error, :owner FROM v ON CONFLICT DO NOTHING), last AS (SELECT DISTINCT ON (ep,"
                + " seq) * FROM v ORDER BY ep, seq, i), m AS (UPDATE relay_message r SET"
                + " state = CASE WHEN r.attempts = last.attempt THEN last.state ELSE r.state END,"
                + " retry_index = CASE WHEN r.attempts = last.attempt THEN last.retry ELSE"
                + " r.retry_index END, next_attempt_at_ms = CASE WHEN r.attempts = last.attempt"
                + " THEN last.next ELSE r.next_attempt_at_ms END, delivered_at_ms = CASE WHEN"
                + " r.attempts = last.attempt THEN last.delivered ELSE r.delivered_at_ms END,"
                + " lease_owner = NULL, lease_until_ms = NULL FROM last WHERE r.endpoint_id ="
                + " last.ep AND r.event_seq = last.seq AND r.lease_owner = :owner) UPDATE"
                + " relay_endpoint SET failing_since_ms = NULL WHERE id = ANY(CAST(:recovered AS"
                + " text[])) AND failing_since_ms IS NOT NULL")
        .addCustomizer(PlannedEachTime.INSTANCE)
        .bindArray("eps", String.class, (Object[]) endpoints)
        .bindArray("seqs", Long.class, (Object[]) seqs)
        .bindArray("attempts", Integer.class, (Object[]) attempts)
        .bindArray("started", Long.class, (Object[]) started)
        .bindArray("durations", Long.class, (Object[]) durations)
        .bindArray("statuses", Integer.class, (Object[]) statuses)
        .bindArray("errors", String.class, (Object[]) errors)
        .bindArray("states", String.class, (Object[]) states)
        .bindArray("retries", Integer.class, (Object[]) retries)
        .bindArray("next", Long.class, (Object[]) next)
        .bindArray("delivered", Long.class, (Object[]) delivered)
        .bindArray("recovered", String.class, recovered)
        .bind("owner", owner)
        .execute();
  }

  /** SQLite (and any other database): prepared batches, one statement per recovered endpoint. */
  static void recordPortable(
      Handle handle,
      List<OutboxStore.Outcome> outcomes,
      String owner,
      long nowMs,
      Map<String, Boolean> lastDelivered) {
    PreparedBatch attempts =
        handle.prepareBatch(
            "INSERT INTO relay_attempt (endpoint_id, event_seq, attempt, started_at_ms,"
                + " duration_ms, status, error, instance) VALUES (:ep, :seq, :attempt,"
                + " :started, :duration, :status, :error, :owner) ON CONFLICT DO NOTHING");
    // one statement per message; when a replay bumped attempts meanwhile, only the lease goes
    // (the replay stays pending and is sent next: never twice at once)
    PreparedBatch messages =
        handle.prepareBatch(
            "UPDATE relay_message SET state = CASE WHEN attempts = :attempt THEN :state ELSE"
                + " state END, retry_index = CASE WHEN attempts = :attempt THEN :retry ELSE"
                + " retry_index END, next_attempt_at_ms = CASE WHEN attempts = :attempt THEN"
                + " :next ELSE next_attempt_at_ms END, delivered_at_ms = CASE WHEN attempts ="
                + " :attempt THEN :delivered ELSE delivered_at_ms END, lease_owner = NULL,"
                + " lease_until_ms = NULL WHERE endpoint_id = :ep AND event_seq = :seq AND"
                + " lease_owner = :owner");
    for (OutboxStore.Outcome outcome : outcomes) {
      AttemptResult result = outcome.result();
      OutboundMessage message = result.message();
      attempts
          .bind("ep", message.endpointId())
          .bind("seq", message.seq())
          .bind("attempt", message.attempt())
          .bind("started", result.startedAtMs())
          .bind("duration", result.durationMs())
          .bind("status", result.status())
          .bind("error", result.error())
          .bind("owner", owner)
          .add();
      messages
          .bind("state", outcome.state())
          .bind("retry", outcome.retryIndex())
          .bind("next", outcome.nextAttemptAtMs())
          .bind("delivered", result.delivered() ? (Long) nowMs : null)
          .bind("ep", message.endpointId())
          .bind("seq", message.seq())
          .bind("owner", owner)
          .bind("attempt", message.attempt())
          .add();
    }
    attempts.execute();
    messages.execute();
    for (Map.Entry<String, Boolean> endpoint : lastDelivered.entrySet()) {
      if (endpoint.getValue()) {
        handle
            .createUpdate(
                "UPDATE relay_endpoint SET failing_since_ms = NULL WHERE id = :ep AND"
                    + " failing_since_ms IS NOT NULL")
            .bind("ep", endpoint.getKey())
            .execute();
      }
    }
  }
}
