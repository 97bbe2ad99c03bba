package dev.terraauth.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings and limits of the emulated streaming host ({@code ws.tryterra.co}). Terra publishes only
 * the heartbeat interval's example (40 s); the rest is UNCONFIRMED and therefore configurable.
 * Every deadline is read from the emulator clock, so tests trigger 4000 and 4005 by advancing it.
 * Immutable.
 *
 * @param heartbeatInterval sent in HELLO as {@code heartbeat_interval} (ms)
 * @param heartbeatGrace how long past one interval a heartbeat may be late before 4005
 * @param identifyTimeout how long after HELLO an IDENTIFY may arrive before 4000
 * @param tokenTtl how long a minted streaming token can be redeemed
 * @param consumerSessionLimit identified consumer sessions per developer before 4002
 * @param replayHistory dispatches kept per developer for REPLAY
 */
public record StreamingSettings(
    Duration heartbeatInterval,
    Duration heartbeatGrace,
    Duration identifyTimeout,
    Duration tokenTtl,
    int consumerSessionLimit,
    int replayHistory) {

  /**
   * Checks the components.
   *
   * @param heartbeatInterval sent in HELLO as {@code heartbeat_interval} (ms)
   * @param heartbeatGrace how long past one interval a heartbeat may be late before 4005
   * @param identifyTimeout how long after HELLO an IDENTIFY may arrive before 4000
   * @param tokenTtl how long a minted streaming token can be redeemed
   * @param consumerSessionLimit identified consumer sessions per developer before 4002
   * @param replayHistory dispatches kept per developer for REPLAY
   */
  public StreamingSettings {
    positive(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(heartbeatGrace, "heartbeatGrace");
    if (heartbeatGrace.isNegative()) {
      throw new IllegalArgumentException("heartbeatGrace must not be negative");
    }
    positive(identifyTimeout, "identifyTimeout");
    positive(tokenTtl, "tokenTtl");
    if (consumerSessionLimit < 1 || consumerSessionLimit > 1000) {
      throw new IllegalArgumentException("consumerSessionLimit must be between 1 and 1000");
    }
    if (replayHistory < 0 || replayHistory > 100_000) {
      throw new IllegalArgumentException("replayHistory must be between 0 and 100000");
    }
  }

  /**
   * 40 s heartbeats with 20 s grace, 10 s to identify, 60 s tokens, 3 consumers, 1000 kept.
   *
   * @return the default settings
   */
  public static StreamingSettings defaults() {
    return new StreamingSettings(
        Duration.ofSeconds(40),
        Duration.ofSeconds(20),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        3,
        1000);
  }

  /**
   * A copy with another limit of consumer sessions per developer.
   *
   * @param value the limit, 1 to 1000
   * @return the copy
   */
  public StreamingSettings withConsumerSessionLimit(int value) {
    return new StreamingSettings(
        heartbeatInterval, heartbeatGrace, identifyTimeout, tokenTtl, value, replayHistory);
  }

  /** The time after the last heartbeat (or HELLO) at which the session is closed with 4005. */
  Duration heartbeatDeadline() {
    return heartbeatInterval.plus(heartbeatGrace);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
