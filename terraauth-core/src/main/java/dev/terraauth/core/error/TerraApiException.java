package dev.terraauth.core.error;

import java.util.Optional;

/**
 * Terra answered with an error status (or a success status with a body that cannot be read). One
 * subclass per kind a caller may act on differently; a {@code switch}/{@code instanceof} chain over
 * them is exhaustive. Carries the HTTP status, Terra's error code and request id when the response
 * had them. Messages name the operation and environment and end with a fix; they never contain a
 * secret (quoted response text is redacted of every configured secret first).
 */
public abstract sealed class TerraApiException extends TerraAuthException
    permits InvalidCredentialsException,
        TerraBadRequestException,
        TerraNotFoundException,
        TerraGoneException,
        RateLimitedException,
        TerraServerErrorException,
        UnexpectedResponseException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status Terra returned. */
  private final int status;

  /** Terra's error code, or null. */
  private final String errorCode;

  /** The response's request id, or null. */
  private final String requestId;

  /**
   * An error answer from Terra.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   */
  protected TerraApiException(String message, int status, String errorCode, String requestId) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.requestId = requestId;
  }

  /**
   * An error answer from Terra, with the failure behind it.
   *
   * @param message what failed, naming the operation and safe ids, never a secret
   * @param status the HTTP status Terra returned
   * @param errorCode Terra's error code, or null
   * @param requestId the response's request id, or null
   * @param cause the underlying failure
   */
  protected TerraApiException(
      String message, int status, String errorCode, String requestId, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
    this.requestId = requestId;
  }

  /** {@return the HTTP status Terra returned} */
  public int status() {
    return status;
  }

  /**
   * {@return Terra's machine-readable error code: the problem {@code type} when it is not {@code
   * about:blank}, else empty (the legacy host sends none)}
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** {@return the request id from the response headers ({@code x-request-id}), if any} */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
