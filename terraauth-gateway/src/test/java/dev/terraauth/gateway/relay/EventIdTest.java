package dev.terraauth.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdTest {
  /** msg_ + 12 hex digits of the time + 20 random ones: time-ordered, unique, same length. */
  @Test
  void idsStartWithTheTimeAndDifferInTheRest() throws Exception {
    long before = System.currentTimeMillis();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add(OutboxStore.newEventId());
    }
    Thread.sleep(5);
    String later = OutboxStore.newEventId();
    for (String id : ids) {
      assertThat(id).matches("msg_[0-9a-f]{32}");
      long millis = Long.parseLong(id.substring(4, 16), 16);
      assertThat(millis).isBetween(before, System.currentTimeMillis());
      assertThat(id.compareTo(later)).as("a later id sorts after").isNegative();
    }
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
  }
}
