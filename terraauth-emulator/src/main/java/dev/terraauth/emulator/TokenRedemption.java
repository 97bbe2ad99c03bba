package dev.terraauth.emulator;

/**
 * What redeeming a mobile SDK token did, as the SDK's {@code initConnection} would see it.
 *
 * @param outcome {@code ok} or why it was refused
 * @param user the connected user when {@code ok}, else null
 */
public record TokenRedemption(Outcome outcome, EmulatedUser user) {
  /** Why a token was accepted or refused. */
  public enum Outcome {
    OK,
    UNKNOWN_TOKEN,
    TOKEN_ALREADY_USED,
    TOKEN_EXPIRED,
    TOKEN_FROM_OTHER_DEV_ID,
    UNKNOWN_DEV_ID,
    PROVIDER_NOT_AVAILABLE,
    USER_LIMIT_REACHED
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
