package dev.terraauth.bench;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.VerifiedWebhook;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.core.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WebhookVerifier#verify} on a 2 KB body against the floor: one bare, already initialised
 * {@link Mac} computing {@code doFinal} over the same signed bytes ({@code "<t>."} and the body).
 * Target: verify at most 1.2x the bare HMAC.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifyBenchmark {
  private static final long NOW = 1_785_000_000L;
  private static final String SECRET = "fake-signing-secret-bench-0000";
  private static final int BODY_BYTES = 2048;

  private byte[] body;
  private byte[] timestampPrefix;
  private String header;
  private Mac mac;
  private WebhookVerifier verifier;

  @Setup
  public void setUp() throws GeneralSecurityException {
    body = new byte[BODY_BYTES];
    byte[] alphabet =
        "{}\":,abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
    Random random = new Random(42);
    for (int index = 0; index < BODY_BYTES; index++) {
      body[index] = alphabet[random.nextInt(alphabet.length)];
    }
    timestampPrefix = (NOW + ".").getBytes(StandardCharsets.US_ASCII);
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    SigningSecret secret = new SigningSecret(Environment.PRODUCTION, 1, Secret.of(SECRET));
    header = WebhookSigner.of(secret.secret()).header(NOW, body);
    verifier =
        WebhookVerifier.builder()
            .secrets(List.of(secret))
            .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
            .build();
    verifier.verify(body, header); // fails fast if the setup is wrong
  }

  /** The floor: HMAC-SHA256 over {@code "<t>." + body} with a ready Mac. */
  @Benchmark
  public byte[] bareMacDoFinal() {
    mac.update(timestampPrefix);
    return mac.doFinal(body);
  }

  /** Full verification: parse the header, HMAC, constant-time compare, window check. */
  @Benchmark
  public VerifiedWebhook verify() {
    return verifier.verify(body, header);
  }
}
