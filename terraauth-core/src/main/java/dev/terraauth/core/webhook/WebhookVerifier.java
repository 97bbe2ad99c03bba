package dev.terraauth.core.webhook;

import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.error.WebhookVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Verifies Terra webhook deliveries over the <em>raw</em> body bytes: HMAC-SHA256 of {@code
 * <t>.<body>} keyed with each candidate secret's UTF-8 bytes, compared in constant time against
 * every {@code v1} signature of the header, then the timestamp checked against a window in both
 * directions (default {@value #DEFAULT_TOLERANCE_SECONDS} s). The signature is checked first, so
 * {@link Reason#STALE_TIMESTAMP}, {@link Reason#FUTURE_TIMESTAMP} and {@link
 * Reason#MILLISECOND_TIMESTAMP} mean "genuinely signed, but not acceptable now".
 *
 * <p>Several candidate secrets may be configured (rotation generations, several environments
 * pointing at one URL); {@link VerifiedWebhook#matchedSecret()} says which one matched. With no
 * secrets every call fails closed with {@link Reason#NO_SECRETS_CONFIGURED}. There is no way to
 * turn the timestamp check off: the tolerance must be between 1 s and {@link #MAX_TOLERANCE}.
 *
 * <p>{@code verify} never throws anything but {@link WebhookVerificationException}, whatever the
 * input (null body, null or garbled header). Thread-safe: build one and share it; each thread keeps
 * its own initialised HMAC per secret, so verification allocates little and never looks up the
 * algorithm again.
 */
public final class WebhookVerifier {
  /** The default tolerance in seconds, as in Terra's own SDK helpers. */
  public static final long DEFAULT_TOLERANCE_SECONDS = 300;

  /** The default tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(DEFAULT_TOLERANCE_SECONDS);

  /** The largest tolerance accepted (a larger one would amount to no replay protection). */
  public static final Duration MAX_TOLERANCE = Duration.ofHours(24);

  /**
   * Timestamps at or above this (Unix seconds in the year 5138, Unix milliseconds in 1973) are
   * taken to be milliseconds.
   */
  static final long MILLISECOND_THRESHOLD = 100_000_000_000L;

  private final List<SigningSecret> secrets;
  private final byte[][] keys;
  private final ThreadLocal<Hmac[]> macs;
  private final Duration tolerance;
  private final long toleranceSeconds;
  private final Clock clock;

  private WebhookVerifier(Builder builder) {
    this.secrets = List.copyOf(builder.secrets);
    this.keys = new byte[secrets.size()][];
    for (int index = 0; index < keys.length; index++) {
      keys[index] = secrets.get(index).secret().revealBytes();
    }
    // a subclass, not ThreadLocal.withInitial(this::newMacs): a method reference costs a short
    // CLI command (webhook verify) a call-site linkage at start-up
    this.macs =
        new ThreadLocal<>() {
          @Override
          protected Hmac[] initialValue() {
            return newMacs();
          }
        };
    this.tolerance = builder.tolerance;
    this.toleranceSeconds = builder.tolerance.getSeconds();
    this.clock = builder.clock;
  }

  /**
   * A builder: secrets (required, may be empty to fail closed), tolerance, clock.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a verifier for these secrets with the default tolerance and the system clock}
   *
   * @param secrets the candidate secrets, tried in order
   */
  public static WebhookVerifier of(List<SigningSecret> secrets) {
    return builder().secrets(secrets).build();
  }

  private Hmac[] newMacs() {
    Hmac[] result = new Hmac[keys.length];
    for (int index = 0; index < keys.length; index++) {
      result[index] = Hmac.newMac(keys[index]);
    }
    return result;
  }

  /**
   * Verifies a delivery given its signature header value (no delivery metadata).
   *
   * @param rawBody the body exactly as received, before any JSON parsing
   * @param signatureHeader the value of {@code X-Terra-Signature} (or the deprecated {@code
   *     terra-signature}); see {@link SignatureHeader#from(Function)}
   * @return the verified delivery
   * @throws WebhookVerificationException saying why the delivery is rejected; never anything else
   */
  public VerifiedWebhook verify(byte[] rawBody, String signatureHeader) {
    return verify(rawBody, signatureHeader, DeliveryMetadata.NONE);
  }

  /**
   * Verifies a delivery, reading the signature and delivery headers from a header accessor such as
   * a web framework's {@code ctx::header} (names case-insensitive).
   *
   * @param rawBody the body exactly as received, before any JSON parsing
   * @param headers looks up a header by name, e.g. {@code ctx::header}
   * @return the verified delivery
   * @throws WebhookVerificationException saying why the delivery is rejected; never anything else
   */
  public VerifiedWebhook verify(byte[] rawBody, Function<String, String> headers) {
    return verify(rawBody, SignatureHeader.from(headers), DeliveryMetadata.from(headers));
  }

  /**
   * Like {@link #verify(byte[], Function)} over a map of headers (names case-insensitive).
   *
   * @param rawBody the body exactly as received
   * @param headers the request headers, names in any case
   * @return the verified delivery
   */
  public VerifiedWebhook verify(byte[] rawBody, Map<String, String> headers) {
    return verify(rawBody, SignatureHeader.from(headers), DeliveryMetadata.from(headers));
  }

  private VerifiedWebhook verify(
      byte[] rawBody, String signatureHeader, DeliveryMetadata delivery) {
    if (keys.length == 0) {
      throw new WebhookVerificationException(
          Reason.NO_SECRETS_CONFIGURED, "no webhook signing secret is configured");
    }
    SignatureHeader header = SignatureHeader.parse(signatureHeader);
    if (rawBody == null) {
      throw new WebhookVerificationException(Reason.MISSING_BODY, "no request body");
    }
    SigningSecret matched = matchingSecret(header, rawBody);
    checkTimestamp(header.timestamp());
    // No defensive copy here: copying the body would cost more than the rest of verify besides
    // the HMAC itself. VerifiedWebhook documents that it shares the array and copies out.
    return new VerifiedWebhook(
        rawBody, Instant.ofEpochSecond(header.timestamp()), matched, delivery);
  }

  private SigningSecret matchingSecret(SignatureHeader header, byte[] rawBody) {
    Hmac[] threadMacs = macs.get();
    for (int index = 0; index < threadMacs.length; index++) {
      if (header.matches(Hmac.signWithPrefix(threadMacs[index], header.signedPrefix(), rawBody))) {
        return secrets.get(index);
      }
    }
    throw new WebhookVerificationException(
        Reason.BAD_SIGNATURE,
        "no v1 signature matches the "
            + secrets.size()
            + " configured secret(s); wrong secret (another environment?) or a body altered"
            + " after sending (re-serialised JSON?)");
  }

  private void checkTimestamp(long timestamp) {
    if (timestamp >= MILLISECOND_THRESHOLD) {
      throw new WebhookVerificationException(
          Reason.MILLISECOND_TIMESTAMP,
          "t=" + timestamp + " looks like Unix milliseconds; Terra signs Unix seconds");
    }
    long age = clock.instant().getEpochSecond() - timestamp;
    if (age > toleranceSeconds) {
      throw new WebhookVerificationException(
          Reason.STALE_TIMESTAMP,
          "signed " + age + " s ago, more than the tolerance of " + toleranceSeconds + " s");
    }
    if (-age > toleranceSeconds) {
      throw new WebhookVerificationException(
          Reason.FUTURE_TIMESTAMP,
          "signed "
              + -age
              + " s in the future, more than the tolerance of "
              + toleranceSeconds
              + " s (check the clocks)");
    }
  }

  /** {@return the candidate secrets, in the order they are tried} */
  public List<SigningSecret> secrets() {
    return secrets;
  }

  /** {@return the accepted clock difference, in both directions} */
  public Duration tolerance() {
    return tolerance;
  }

  /** Builds a {@link WebhookVerifier}. Not thread-safe. */
  public static final class Builder {
    private List<SigningSecret> secrets;
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The candidate secrets, tried in order (put the most likely first). An empty list is allowed
     * and makes every verification fail closed with {@link Reason#NO_SECRETS_CONFIGURED}.
     *
     * @param secrets the candidate secrets, tried in order (put the most likely first)
     * @return this builder
     */
    public Builder secrets(List<SigningSecret> secrets) {
      this.secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
      return this;
    }

    /**
     * The accepted difference between {@code t} and now, in both directions (default 300 s).
     *
     * @param tolerance the accepted difference between {@code t} and now, in both directions
     *     (default 300 s)
     * @return this builder
     * @throws IllegalArgumentException unless between 1 s and {@link #MAX_TOLERANCE} in whole
     *     seconds: the check cannot be disabled
     */
    public Builder tolerance(Duration tolerance) {
      Objects.requireNonNull(tolerance, "tolerance");
      if (tolerance.getSeconds() < 1
          || tolerance.compareTo(MAX_TOLERANCE) > 0
          || tolerance.getNano() != 0) {
        throw new IllegalArgumentException(
            "tolerance must be whole seconds between 1 s and "
                + MAX_TOLERANCE
                + ", was "
                + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * The clock the timestamp is checked against (default: system UTC).
     *
     * @param clock the clock the timestamp is checked against (default: system UTC)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier, thread-safe
     * @throws IllegalStateException when {@link #secrets} was never called
     */
    public WebhookVerifier build() {
      if (secrets == null) {
        throw new IllegalStateException("secrets(...) is required (an empty list fails closed)");
      }
      return new WebhookVerifier(this);
    }
  }
}
