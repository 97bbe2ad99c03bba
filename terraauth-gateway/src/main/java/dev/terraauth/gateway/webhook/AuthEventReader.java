package dev.terraauth.gateway.webhook;

/** Turns a verified webhook body into an {@link AuthEvent}. */
public interface AuthEventReader {
  /**
   * @throws IllegalArgumentException when the body is not a JSON object with a {@code type}
   */
  AuthEvent read(byte[] verifiedBody);
}
