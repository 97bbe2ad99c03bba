package dev.terraauth.emulator;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming sessions of all developers: fan-out of SUBMIT to the developer's consumers as
 * DISPATCH, the recent history REPLAY reads, and the deadlines (4000, 4005), checked every 200 ms
 * and at once whenever the emulator clock is advanced. Thread-safe.
 */
final class StreamingHub implements AutoCloseable {
  /** One dispatched sample, kept for REPLAY. */
  record Dispatch(long seq, String userId, String type, Object payload) {}

  private static final int MAX_SESSIONS = 10_000;

  private final Clock clock;
  private final StreamingSettings settings;
  private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, Deque<Dispatch>> history = new HashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final ScheduledExecutorService sweeper;

  StreamingHub(EmulatorClock clock, StreamingSettings settings) {
    this.clock = clock;
    this.settings = settings;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "terra-emulator-streaming");
              thread.setDaemon(true);
              return thread;
            });
    sweeper.scheduleWithFixedDelay(this::sweep, 200, 200, TimeUnit.MILLISECONDS);
    clock.afterAdvance(this::sweep);
  }

  StreamingSettings settings() {
    return settings;
  }

  Clock clock() {
    return clock;
  }

  /** Registers an open socket; false beyond {@link #MAX_SESSIONS} (strangers cannot grow it). */
  boolean add(StreamSession session) {
    if (sessions.size() >= MAX_SESSIONS) {
      return false;
    }
    sessions.put(session.id(), session);
    return true;
  }

  /**
   * Marks a session identified with {@code grant}; false (and unchanged) when it is a consumer
   * beyond the developer's limit. Atomic, so concurrent IDENTIFYs cannot both take the last slot.
   */
  synchronized boolean admit(StreamSession session, StreamingTokens.Grant grant) {
    if (grant.role() == StreamingTokens.Role.CONSUMER
        && consumers(grant.devId()) >= settings.consumerSessionLimit()) {
      return false;
    }
    session.identified(grant);
    return true;
  }

  StreamSession session(String sessionId) {
    return sessions.get(sessionId);
  }

  void remove(String sessionId) {
    sessions.remove(sessionId);
  }

  /** Identified consumer sessions of a developer. */
  int consumers(String devId) {
    return (int) sessions.values().stream().filter(s -> s.isConsumerOf(devId)).count();
  }

  /** Records a producer's sample and sends it to every consumer of its developer. */
  void submit(StreamingTokens.Grant producer, String type, Object payload) {
    Dispatch dispatch;
    synchronized (history) {
      dispatch = new Dispatch(seq.incrementAndGet(), producer.userId(), type, payload);
      if (settings.replayHistory() > 0) {
        Deque<Dispatch> kept = history.computeIfAbsent(producer.devId(), id -> new ArrayDeque<>());
        kept.addLast(dispatch);
        while (kept.size() > settings.replayHistory()) {
          kept.removeFirst();
        }
      }
    }
    String frame = frame(dispatch);
    for (StreamSession session : sessions.values()) {
      if (session.isConsumerOf(producer.devId())) {
        session.send(frame);
      }
    }
  }

  /** The kept dispatches of a developer with {@code after < seq < before}, oldest first. */
  List<String> replay(String devId, long after, long before) {
    List<String> frames = new ArrayList<>();
    synchronized (history) {
      for (Dispatch dispatch : history.getOrDefault(devId, new ArrayDeque<>())) {
        if (dispatch.seq() > after && dispatch.seq() < before) {
          frames.add(frame(dispatch));
        }
      }
    }
    return frames;
  }

  /** Closes every session whose identify or heartbeat deadline has passed on the emulator clock. */
  void sweep() {
    var now = clock.instant();
    for (StreamSession session : sessions.values()) {
      int code = session.overdue(now);
      if (code == StreamingSocket.IDENTIFY_TIMEOUT) {
        session.close(code, "no IDENTIFY within the identify timeout");
      } else if (code == StreamingSocket.HEARTBEAT_MISSED) {
        session.close(code, "heartbeat deadline exceeded");
      }
    }
  }

  private static String frame(Dispatch dispatch) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("op", StreamingSocket.DISPATCH);
    frame.put("uid", dispatch.userId());
    frame.put("seq", dispatch.seq());
    frame.put("t", dispatch.type());
    frame.put("d", dispatch.payload());
    return Json.text(frame);
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    sessions.values().forEach(session -> session.close(1001, "emulator stopping"));
    sessions.clear();
  }
}
