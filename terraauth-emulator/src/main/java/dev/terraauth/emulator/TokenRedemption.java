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
    /** The token was redeemed and the user connected. */
    OK,
    /** No such token was issued. */
    UNKNOWN_TOKEN,
    /** The token was redeemed before. */
    TOKEN_ALREADY_USED,
    /** The token's lifetime is over. */
    TOKEN_EXPIRED,
    /** Another dev-id minted the token. */
    TOKEN_FROM_OTHER_DEV_ID,
    /** The dev-id has no account. */
    UNKNOWN_DEV_ID,
    /** The provider is not enabled for the account. */
    PROVIDER_NOT_AVAILABLE,
    /** The account's user cap is reached. */
    USER_LIMIT_REACHED
  }

  /**
   * Whether the token was redeemed.
   *
   * @return true for {@link Outcome#OK}
   */
  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
