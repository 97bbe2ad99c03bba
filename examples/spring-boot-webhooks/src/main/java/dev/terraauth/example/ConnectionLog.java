package dev.terraauth.example;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/** The last connection events, in memory (a real app would write them to its database). */
@Component
public class ConnectionLog {
  private static final int CAPACITY = 1000;

  /** One stored event: what happened to which Terra user. */
  public record Entry(
      String type, String userId, String provider, String referenceId, Instant at) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  synchronized void add(Entry entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /** The stored events, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
