package dev.terraauth.gateway.http;

import dev.terraauth.core.config.Secret;
import dev.terraauth.gateway.relay.FeedEvent;
import dev.terraauth.gateway.relay.OutboxStore;
import dev.terraauth.gateway.relay.RelaySignal;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /events?after=<cursor>&limit=<n>&wait=<s>}: the pull feed, behind its own bearer token
 * (TERRAAUTH_EVENTS_TOKEN; neither the admin token nor an app user's JWT). Events in commit order;
 * {@code next_cursor} is opaque. {@code wait} long-polls up to 30 s, for a bounded number of
 * readers at once (beyond it the answer comes at once, possibly empty).
 */
public final class EventFeedApi {
  public static final int MAX_WAIT_SECONDS = 30;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1_000;
  private static final int MAX_WAITERS = 64;
  private static final String CURSOR_PREFIX = "c1:";

  private final Secret token;
  private final OutboxStore outbox;
  private final RelaySignal committed;
  private final Duration pollEvery;
  private final Semaphore waiters = new Semaphore(MAX_WAITERS);

  /**
   * @param pollEvery how often a long poll looks for events other instances committed
   */
  public EventFeedApi(Secret token, OutboxStore outbox, RelaySignal committed, Duration pollEvery) {
    this.token = token;
    this.outbox = outbox;
    this.committed = committed;
    this.pollEvery = pollEvery;
  }

  public void events(Context ctx) throws InterruptedException {
    guard(ctx);
    long after = decode(ctx.queryParam("after"));
    int limit = number(ctx.queryParam("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    int wait = number(ctx.queryParam("wait"), "wait", 0, MAX_WAIT_SECONDS, 0);
    long seen = committed.version();
    List<FeedEvent> events = outbox.events(after, limit);
    if (events.isEmpty() && wait > 0 && waiters.tryAcquire()) {
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(wait).toNanos();
        while (events.isEmpty()) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            break;
          }
          committed.awaitAfter(seen, Math.min(left, pollEvery.toMillis()));
          seen = committed.version();
          events = outbox.events(after, limit);
        }
      } finally {
        waiters.release();
      }
    }
    List<Map<String, Object>> views = new ArrayList<>(events.size());
    long last = after;
    for (FeedEvent event : events) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", event.id());
      view.put("trace_id", event.traceId());
      view.put("type", event.type());
      view.put("terra_user_id", event.terraUserId());
      view.put("received_at", Instant.ofEpochMilli(event.receivedAtMs()).toString());
      view.put("body", event.body());
      views.add(view);
      last = event.seq();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("events", views);
    answer.put("next_cursor", encode(last));
    ctx.header("Cache-Control", "no-store").json(answer);
  }

  private void guard(Context ctx) {
    if (token == null) {
      throw ProblemException.notFound(
          "the pull feed is disabled: set TERRAAUTH_EVENTS_TOKEN to enable GET /events");
    }
    String header = ctx.header("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : null;
    if (!token.matches(presented)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ProblemException(
          401, "unauthorized", "the events token (TERRAAUTH_EVENTS_TOKEN) is missing or wrong");
    }
  }

  static String encode(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + seq).getBytes(StandardCharsets.US_ASCII));
  }

  static long decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      if (cursor.length() <= 40) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        if (text.startsWith(CURSOR_PREFIX)) {
          long seq = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
          if (seq >= 0) {
            return seq;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        "after: not a cursor of this feed (pass next_cursor from the previous answer, or nothing"
            + " to start at the oldest retained event)");
  }

  private static int number(String text, String name, int min, int max, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(name + " must be a number from " + min + " to " + max);
  }
}
