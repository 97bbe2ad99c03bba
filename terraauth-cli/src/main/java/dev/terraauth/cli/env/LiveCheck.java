package dev.terraauth.cli.env;

import dev.terraauth.cli.scan.EnvironmentHints;
import dev.terraauth.core.client.RetryPolicy;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraTransportException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One authenticated read-only call ({@code GET /subscriptions?page=0&per_page=1}) that proves a
 * dev-id and API key work, and tells the usual failures apart.
 */
public final class LiveCheck {
  /** What the call showed. */
  public enum Status {
    OK("ok"),
    WRONG_CREDENTIALS("wrong API key or dev-id"),
    OTHER_ENVIRONMENT("works, but looks like another environment"),
    UNREACHABLE("Terra unreachable"),
    UNEXPECTED("unexpected answer");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The outcome for one environment, with the detail and the fix (nullable). */
  public record Result(Environment environment, Status status, String detail, String hint) {
    public boolean ok() {
      return status == Status.OK;
    }

    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
      json.put("detail", detail);
      json.put("hint", hint);
      return json;
    }
  }

  private LiveCheck() {}

  /** Calls Terra (or the emulator, for local) once with these credentials, without retries. */
  public static Result run(TerraCredentials credentials) {
    Environment environment = credentials.environment();
    TerraAuthClient client =
        TerraAuthClient.builder()
            .credentials(credentials)
            .retryPolicy(RetryPolicy.NONE)
            .callTimeout(Duration.ofSeconds(15))
            .build();
    String where = credentials.apiBaseUrl().toString();
    try {
      client.subscriptions(0, 1);
    } catch (InvalidCredentialsException e) {
      return new Result(
          environment,
          Status.WRONG_CREDENTIALS,
          where + " answered " + e.status() + ": the dev-id and API key do not match",
          "copy both from the "
              + environment.id()
              + " environment in Terra's dashboard (the key"
              + " of another environment is refused too)");
    } catch (TerraApiException e) {
      return new Result(environment, Status.UNEXPECTED, e.getMessage(), null);
    } catch (TerraTransportException e) {
      return new Result(
          environment,
          Status.UNREACHABLE,
          e.getMessage(),
          environment == Environment.LOCAL
              ? "start the emulator: terra-auth emulator (or terra-auth serve)"
              : "check the network, a proxy, and TERRA_" + environment.variablePart() + "_API_URL");
    }
    String looksLike = EnvironmentHints.word(credentials.devId());
    if (environment != Environment.LOCAL
        && looksLike != null
        && !looksLike.equals(environment.id())) {
      return new Result(
          environment,
          Status.OTHER_ENVIRONMENT,
          "the call worked, but the dev-id " + credentials.devId() + " looks like " + looksLike,
          "if these are the " + looksLike + " credentials, move them to .env.terra." + looksLike);
    }
    return new Result(environment, Status.OK, where + " accepted the dev-id and API key", null);
  }
}
