package dev.terraauth.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The gateway's command-line options, shared by {@code terraauth-gateway.jar} ({@link GatewayMain})
 * and {@code terra-auth serve} (a picocli mixin), so both take exactly the same flags. {@link
 * GatewaySettings#resolve} turns them into settings.
 */
public final class GatewayOptions {
  @Option(
      names = "--port",
      defaultValue = "8788",
      converter = PortConverter.class,
      description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data-dir",
      defaultValue = ".terra-auth/data",
      description = "Directory of the SQLite database (default ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(
      names = "--database-url",
      description =
          "JDBC URL of a PostgreSQL database instead of SQLite (or "
              + GatewaySettings.DATABASE_URL_VARIABLE
              + "); put the password in the URL's environment variable, not here.")
  String databaseUrl;

  @Option(
      names = "--public-url",
      description =
          "URL browsers use to reach this gateway: https:// and required outside local (local:"
              + " default http://HOST:PORT, http:// only to loopback).")
  URI publicUrl;

  @Option(
      names = "--app-return-url",
      description =
          "Where users land after the widget (default: the gateway's / page): https:// or an app"
              + " deep link outside local.")
  URI appReturnUrl;

  @Option(
      names = "--cors-origin",
      description = "An app origin allowed to call the API from browsers (repeatable).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--jwt-issuer", description = "Expected 'iss' of app user tokens.")
  String jwtIssuer;

  @Option(names = "--jwt-audience", description = "Expected 'aud' of app user tokens.")
  String jwtAudience;

  @Option(
      names = "--jwt-jwks-url",
      description =
          "JWKS URL for RS256/ES256 app tokens (else HS256, "
              + GatewaySettings.JWT_SECRET_VARIABLE
              + ").")
  URI jwksUrl;

  @Option(
      names = "--jwt-user-claim",
      defaultValue = "sub",
      description =
          "Claim holding the app's user id, Terra's reference_id (default ${DEFAULT-VALUE}).")
  String userClaim;

  @Option(
      names = "--mobile-token-limit",
      defaultValue = "5",
      description = "Mobile tokens per user per minute (default ${DEFAULT-VALUE}).")
  int mobileTokenLimit;

  @Option(
      names = "--reconcile-every",
      defaultValue = "PT15M",
      description = "Reconciliation with Terra, ISO-8601 (default ${DEFAULT-VALUE}; PT0S = off).")
  Duration reconcileEvery;

  @Option(
      names = "--credentials-check-every",
      defaultValue = "PT15S",
      description =
          "Not local: how often to look for changed credential files, ISO-8601 (default"
              + " ${DEFAULT-VALUE}; PT0S = only on POST /admin/credentials/reload).")
  Duration credentialsCheckEvery;

  @Option(
      names = "--retired-secret-grace",
      defaultValue = "PT1H",
      description =
          "Not local: how long a webhook signing secret removed from the configuration stays"
              + " accepted, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration retiredSecretGrace;

  @Option(
      names = "--retain-deliveries",
      defaultValue = "P30D",
      description =
          "How long stored webhook deliveries (bodies included) are kept, ISO-8601 (default"
              + " ${DEFAULT-VALUE}); dedupe keys live for their own window.")
  Duration retainDeliveries;

  @Option(
      names = "--write-batch-size",
      defaultValue = "256",
      description = "Most writes committed together in one transaction (default ${DEFAULT-VALUE}).")
  int writeBatchSize;

  @Option(
      names = "--write-batch-wait",
      defaultValue = "PT0S",
      description =
          "How long the writer waits for more writes before committing, ISO-8601, at most 1 s"
              + " (default ${DEFAULT-VALUE}: commit what is waiting at once).")
  Duration writeBatchWait;

  @Option(
      names = "--max-inflight-webhooks",
      defaultValue = "4096",
      description = "Most webhook bodies received at once; beyond, 503 (default ${DEFAULT-VALUE}).")
  int maxInFlightWebhooks;

  @Option(
      names = "--webhook-body-timeout",
      defaultValue = "PT10S",
      description =
          "How long a webhook body may take to arrive, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration webhookBodyTimeout;

  @Option(
      names = "--idle-timeout",
      defaultValue = "PT30S",
      description = "How long a silent connection stays open, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--relay-url",
      paramLabel = "URL",
      description =
          "Push every verified Terra event to this URL, signed per Standard Webhooks with the"
              + " secret in "
              + GatewaySettings.RELAY_SECRET_VARIABLE
              + " (whsec_...). More endpoints: POST /admin/relay/endpoints.")
  URI relayUrl;

  @Option(
      names = "--relay-event-types",
      paramLabel = "TYPES",
      description =
          "Event types the --relay-url endpoint gets, e.g. auth,deauth,activity (default: all;"
              + " a trailing * matches a prefix, e.g. lab_report.*).")
  String relayEventTypes;

  @Option(
      names = "--relay-ordered",
      description =
          "Per-user ordering for --relay-url: a user's next event waits until the previous one"
              + " was delivered or given up.")
  boolean relayOrdered;

  @Option(
      names = "--relay-allow-http-loopback",
      description =
          "Outside local, accept http:// relay URLs to 127.0.0.1/localhost/::1 (an app on the"
              + " same host); all others must be https://.")
  boolean relayAllowHttpLoopback;

  @Option(
      names = "--relay-timeout",
      defaultValue = "PT15S",
      description = "How long one relay attempt may take, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration relayTimeout;

  @Option(
      names = "--relay-concurrency",
      defaultValue = "16",
      description =
          "Most relay attempts in flight per endpoint and instance (default ${DEFAULT-VALUE}).")
  int relayConcurrency;

  @Option(
      names = "--relay-retry-schedule",
      defaultValue = "PT5S,PT5M,PT30M,PT2H,PT5H,PT10H",
      split = ",",
      description =
          "Delays before each retry, ISO-8601, jittered +-20%% (default Standard Webhooks':"
              + " ${DEFAULT-VALUE}); a message fails for good after the last.")
  List<Duration> relayRetrySchedule;

  @Option(
      names = "--relay-disable-after",
      defaultValue = "P5D",
      description =
          "Disable an endpoint that failed this long without one success, ISO-8601 (default"
              + " ${DEFAULT-VALUE}); re-enable with PATCH /admin/relay/endpoints/ID.")
  Duration relayDisableAfter;

  @Option(
      names = "--relay-poll-every",
      defaultValue = "PT0.25S",
      description =
          "How often the relay and long polls look for events other instances committed,"
              + " ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration relayPollEvery;

  @Option(
      names = "--relay-lease-margin",
      defaultValue = "PT30S",
      description =
          "How long past --relay-timeout a claimed message stays leased to its instance, ISO-8601"
              + " (default ${DEFAULT-VALUE}); a crashed instance's messages are retried after it.")
  Duration relayLeaseMargin;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description = "Logs on stderr as text or json (default ${DEFAULT-VALUE}).")
  String logFormat;

  /** The value of {@code --log-format}. */
  public String logFormat() {
    return logFormat;
  }
}
