package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the emulator forgets once it remembers many sessions and tokens, and what it keeps. */
class EmulatorStatePruneTest {
  private final EmulatorState state = new EmulatorState(List.of(EmulatorAccount.local()));
  private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

  private static WidgetSession session(String id, Instant expiresAt) {
    return new WidgetSession(
        id, EmulatorAccount.LOCAL_DEV_ID, List.of("GARMIN"), "ref", null, null, null, expiresAt);
  }

  @Test
  void sessionsExpiredADayAgoAreForgottenOnceOverTheLimitAndLiveOnesNever() {
    int old = 500;
    for (int i = 0; i < old; i++) {
      state.put(session("old-" + i, now.minus(Duration.ofDays(2))));
    }
    int live = EmulatorState.PRUNE_ABOVE + 200;
    for (int i = 0; i < live; i++) {
      state.put(session("live-" + i, now.plus(Duration.ofMinutes(15))));
    }
    // every expired one went (the eldest first), no live one did, although the limit is exceeded
    assertThat(state.remembered().sessions()).isEqualTo(live);
    assertThat(state.session("old-" + (old - 1))).isEmpty();
    assertThat(state.session("live-0")).isPresent();
    assertThat(state.session("live-" + (live - 1))).isPresent();
  }

  /**
   * Pruning looks at the eldest entries only and stops at the first live one, so a put never scans
   * the rest (each did, above the limit, before: the emulator slowed with every session it held).
   * An expired entry behind a live one therefore waits for its turn.
   */
  @Test
  void pruningStopsAtTheEldestLiveEntry() {
    state.put(session("live-first", now.plus(Duration.ofMinutes(15))));
    state.put(session("expired-behind", now.minus(Duration.ofDays(2))));
    for (int i = 0; i < EmulatorState.PRUNE_ABOVE + 10; i++) {
      state.put(session("live-" + i, now.plus(Duration.ofMinutes(15))));
    }
    assertThat(state.session("expired-behind")).isPresent();
    assertThat(state.remembered().sessions()).isEqualTo(EmulatorState.PRUNE_ABOVE + 12);
  }

  @Test
  void underTheLimitNothingIsForgotten() {
    state.put(session("old", now.minus(Duration.ofDays(30))));
    state.put(session("new", now.plus(Duration.ofMinutes(15))));
    assertThat(state.session("old")).isPresent();
    assertThat(state.remembered().sessions()).isEqualTo(2);
  }

  @Test
  void aForgottenTokenTakesItsUsedMarkAlong() {
    String first = "token-first";
    state.put(new MobileToken(first, EmulatorAccount.LOCAL_DEV_ID, now.minus(Duration.ofDays(3))));
    assertThat(state.redeem(first, EmulatorAccount.LOCAL_DEV_ID, now.minus(Duration.ofDays(4))))
        .isEqualTo(EmulatorState.Redemption.OK);
    for (int i = 0; i <= EmulatorState.PRUNE_ABOVE; i++) {
      state.put(new MobileToken("token-" + i, EmulatorAccount.LOCAL_DEV_ID, now.plusSeconds(180)));
    }
    assertThat(state.remembered().tokens()).isEqualTo(EmulatorState.PRUNE_ABOVE + 1);
    // forgotten altogether: unknown now, not "already used" (its mark went with it)
    assertThat(state.redeem(first, EmulatorAccount.LOCAL_DEV_ID, now))
        .isEqualTo(EmulatorState.Redemption.UNKNOWN);
  }
}
