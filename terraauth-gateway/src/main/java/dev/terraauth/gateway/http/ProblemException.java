package dev.terraauth.gateway.http;

/**
 * An error answered as {@code application/problem+json}. The detail is shown to the caller, so it
 * never holds a secret or an internal trace. Nullable: retryAfterSeconds.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final Long retryAfterSeconds;

  public ProblemException(int status, String title, String detail, Long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "bad request", detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not found", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
