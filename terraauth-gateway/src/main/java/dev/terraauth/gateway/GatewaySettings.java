package dev.terraauth.gateway;

import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.RedirectUrlRule;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.relay.EventTypeFilter;
import dev.terraauth.gateway.relay.RelaySecret;
import dev.terraauth.gateway.relay.RelaySettings;
import dev.terraauth.gateway.relay.RelayUrlRule;
import dev.terraauth.gateway.store.Database;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway's configuration rules in one place: where settings come from (options, then the
 * {@code TERRAAUTH_*} environment variables for secrets), their defaults and what is required
 * outside {@code local}. Resolved once at start-up from {@link GatewayOptions}; both {@code
 * terraauth-gateway.jar} and {@code terra-auth serve} use it.
 *
 * @param port the port to listen on, never 0 (a free one is chosen)
 * @param jwt how app tokens are verified; null in {@code local} (the development login)
 * @param adminToken the admin API's bearer token, or null (admin API off)
 * @param databaseUrl a PostgreSQL JDBC URL, or null for SQLite at {@code sqliteFile}
 * @param intake group commit, slow-client bounds and retention of webhook deliveries (its rules
 *     live in {@link IntakeSettings})
 */
public record GatewaySettings(
    Environment environment,
    String host,
    int port,
    URI publicUrl,
    URI appReturnUrl,
    List<String> corsOrigins,
    JwtSettings jwt,
    int mobileTokenLimit,
    Duration reconcileEvery,
    Duration credentialsCheckEvery,
    Duration retiredSecretGrace,
    Secret adminToken,
    String databaseUrl,
    Path sqliteFile,
    IntakeSettings intake,
    RelaySettings relay) {
  /** The HS256 secret of app tokens: a variable, never an option (it would show in ps). */
  public static final String JWT_SECRET_VARIABLE = "TERRAAUTH_JWT_SECRET";

  /** The admin API's bearer token. */
  public static final String ADMIN_TOKEN_VARIABLE = "TERRAAUTH_ADMIN_TOKEN";

  /** The --relay-url endpoint's Standard Webhooks secret(s): whsec_..., space-separated. */
  public static final String RELAY_SECRET_VARIABLE = "TERRAAUTH_RELAY_SECRET";

  /** The pull feed's bearer token ({@code GET /events}); unset: the feed is off. */
  public static final String EVENTS_TOKEN_VARIABLE = "TERRAAUTH_EVENTS_TOKEN";

  /** Shortest events token accepted: it guards every user's health events. */
  static final int MIN_EVENTS_TOKEN_LENGTH = 24;

  /** A PostgreSQL JDBC URL (the option {@code --database-url} wins). */
  public static final String DATABASE_URL_VARIABLE = "TERRAAUTH_DATABASE_URL";

  /** The directory of the {@code .env.terra.<env>} files ({@code --config-dir} wins). */
  public static final String CONFIG_DIR_VARIABLE = "TERRA_AUTH_CONFIG_DIR";

  /** The secrets directory ({@code --secrets-dir} wins; else {@code ./secrets} if it exists). */
  public static final String SECRETS_DIR_VARIABLE = "TERRA_AUTH_SECRETS_DIR";

  public GatewaySettings {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /**
   * Resolves {@code options} for {@code environment}, adding every problem to {@code problems} (the
   * caller reports them all at once). The result is only meaningful when none were added.
   */
  public static GatewaySettings resolve(
      GatewayOptions options,
      Environment environment,
      Map<String, String> variables,
      Path workingDirectory,
      List<String> problems) {
    int port = options.port == 0 ? GatewayServer.freePort() : options.port;
    URI publicUrl =
        options.publicUrl != null
            ? options.publicUrl
            : URI.create("http://" + GatewayServer.displayHost(options.host) + ":" + port);
    boolean local = environment == Environment.LOCAL;
    URI appReturnUrl =
        options.appReturnUrl != null || !local ? options.appReturnUrl : publicUrl.resolve("/");
    JwtSettings jwt = local ? null : jwt(options, variables, problems);
    if (options.credentialsCheckEvery.isNegative()) {
      problems.add("--credentials-check-every must not be negative");
    }
    if (options.retiredSecretGrace.isNegative()) {
      problems.add("--retired-secret-grace must not be negative");
    }
    if (!local && options.publicUrl == null) {
      problems.add(
          "--public-url is required outside local: the https:// URL browsers reach this gateway"
              + " at (Terra's widget returns there)");
    }
    // The HTTPS rule: --public-url takes no deep link, --app-return-url may be one
    if (options.publicUrl != null) {
      RedirectUrlRule.problem(
              environment, "--public-url", options.publicUrl, RedirectUrlRule.DeepLinks.REFUSED)
          .ifPresent(problems::add);
    }
    if (options.appReturnUrl != null) {
      RedirectUrlRule.problem(
              environment,
              "--app-return-url",
              options.appReturnUrl,
              RedirectUrlRule.DeepLinks.ALLOWED)
          .ifPresent(problems::add);
    }
    String admin = variables.get(ADMIN_TOKEN_VARIABLE);
    String databaseUrl =
        options.databaseUrl != null ? options.databaseUrl : variables.get(DATABASE_URL_VARIABLE);
    return new GatewaySettings(
        environment,
        options.host,
        port,
        publicUrl,
        appReturnUrl,
        options.corsOrigins,
        jwt,
        options.mobileTokenLimit,
        options.reconcileEvery,
        options.credentialsCheckEvery,
        options.retiredSecretGrace,
        admin == null || admin.isBlank() ? null : Secret.of(admin),
        databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl,
        workingDirectory.resolve(options.dataDirectory).resolve("gateway.db"),
        intake(options, problems),
        relay(options, environment, variables, problems));
  }

  private static RelaySettings relay(
      GatewayOptions options,
      Environment environment,
      Map<String, String> variables,
      List<String> problems) {
    RelaySettings settings = RelaySettings.defaults();
    try {
      settings =
          settings
              .withDelivery(
                  options.relayRetrySchedule == null ? List.of() : options.relayRetrySchedule,
                  options.relayTimeout,
                  options.relayConcurrency,
                  options.relayDisableAfter)
              .withLoopbackHttp(options.relayAllowHttpLoopback)
              .withPollEvery(options.relayPollEvery)
              .withLeaseMargin(options.relayLeaseMargin);
    } catch (IllegalArgumentException e) {
      problems.add("--relay-*: " + e.getMessage());
    }
    String events = variables.get(EVENTS_TOKEN_VARIABLE);
    Secret eventsToken = null;
    if (events != null && !events.isBlank()) {
      if (events.strip().length() < MIN_EVENTS_TOKEN_LENGTH) {
        problems.add(
            EVENTS_TOKEN_VARIABLE
                + " is too short: use at least "
                + MIN_EVENTS_TOKEN_LENGTH
                + " random characters (e.g. openssl rand -hex 24)");
      } else {
        eventsToken = Secret.of(events.strip());
      }
    }
    String secretText = variables.get(RELAY_SECRET_VARIABLE);
    RelaySettings.ConfiguredEndpoint configured = null;
    if (options.relayUrl == null) {
      if (secretText != null && !secretText.isBlank()) {
        problems.add(
            RELAY_SECRET_VARIABLE + " is set but --relay-url is not: give the URL to push to");
      }
    } else {
      int before = problems.size();
      RelayUrlRule.problem(
              environment, "--relay-url", options.relayUrl, options.relayAllowHttpLoopback)
          .ifPresent(problems::add);
      List<RelaySecret> secrets = new java.util.ArrayList<>();
      if (secretText == null || secretText.isBlank()) {
        problems.add(
            "--relay-url needs its signing secret in "
                + RELAY_SECRET_VARIABLE
                + ": whsec_ + base64 of at least "
                + RelaySecret.MIN_BYTES
                + " random bytes, e.g. whsec_$(openssl rand -base64 32)");
      } else {
        String[] parts = secretText.strip().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
          try {
            secrets.add(
                RelaySecret.parse(
                    parts[i],
                    parts.length == 1
                        ? RELAY_SECRET_VARIABLE
                        : RELAY_SECRET_VARIABLE
                            + " (secret "
                            + (i + 1)
                            + " of "
                            + parts.length
                            + ")"));
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
          }
        }
      }
      EventTypeFilter filter = EventTypeFilter.ALL;
      try {
        filter = EventTypeFilter.parse(options.relayEventTypes, "--relay-event-types");
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
      if (problems.size() == before) {
        configured =
            new RelaySettings.ConfiguredEndpoint(
                options.relayUrl, secrets, filter, options.relayOrdered);
      }
    }
    return settings.withConfigured(configured, eventsToken);
  }

  private static IntakeSettings intake(GatewayOptions options, List<String> problems) {
    IntakeSettings defaults = IntakeSettings.defaults();
    try {
      return defaults
          .withBatch(options.writeBatchSize, options.writeBatchWait)
          .withInFlight(options.maxInFlightWebhooks, defaults.maxInFlightBodyBytes())
          .withTimeouts(options.webhookBodyTimeout, options.idleTimeout)
          .withRetention(
              options.retainDeliveries, defaults.retentionEvery(), defaults.retentionBatch());
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return defaults;
    }
  }

  private static JwtSettings jwt(
      GatewayOptions options, Map<String, String> variables, List<String> problems) {
    String secret = variables.get(JWT_SECRET_VARIABLE);
    int before = problems.size();
    if (options.jwtIssuer == null) {
      problems.add("app user tokens: --jwt-issuer is required");
    }
    if (options.jwtAudience == null) {
      problems.add("app user tokens: --jwt-audience is required");
    }
    if (options.jwksUrl == null && (secret == null || secret.isBlank())) {
      problems.add(
          "app user tokens: set "
              + JWT_SECRET_VARIABLE
              + " (HS256, at least 32 bytes) or --jwt-jwks-url (RS256/ES256)");
    }
    if (problems.size() > before && (options.jwtIssuer == null || options.jwtAudience == null)) {
      return null;
    }
    try {
      return new JwtSettings(
          options.jwksUrl == null && secret != null && !secret.isBlank() ? Secret.of(secret) : null,
          options.jwksUrl,
          options.jwtIssuer,
          options.jwtAudience,
          options.userClaim,
          null);
    } catch (IllegalArgumentException e) {
      problems.add("app user tokens: " + e.getMessage());
      return null;
    }
  }

  /**
   * The credentials loader for these sources: environment variables and system properties, {@code
   * .env.terra.<env>} in {@code configDirectory} (else {@code TERRA_AUTH_CONFIG_DIR}, else the
   * working directory), and the secrets directory {@code secretsDirectory} (else {@code
   * TERRA_AUTH_SECRETS_DIR}, else {@code ./secrets} when it exists).
   */
  public static CredentialsLoader credentialsLoader(
      Path configDirectory,
      Path secretsDirectory,
      Map<String, String> variables,
      Properties systemProperties,
      Path workingDirectory) {
    Path config =
        configDirectory != null ? configDirectory : pathOrNull(variables.get(CONFIG_DIR_VARIABLE));
    Path secrets =
        secretsDirectory != null
            ? secretsDirectory
            : pathOrNull(variables.get(SECRETS_DIR_VARIABLE));
    if (secrets == null && Files.isDirectory(workingDirectory.resolve("secrets"))) {
      secrets = Path.of("secrets");
    }
    return CredentialsLoader.builder()
        .environmentVariables(variables)
        .systemProperties(systemProperties)
        .workingDirectory(workingDirectory)
        .configDirectory(config)
        .secretsDirectory(secrets)
        .refuseSecretSystemProperties(true) // here they can only come from -D arguments
        .build();
  }

  private static Path pathOrNull(String value) {
    return value == null || value.isBlank() ? null : Path.of(value);
  }

  /** The gateway's configuration; {@code devLogin} only in {@code local}. */
  public GatewayConfig config(boolean devLogin) {
    return GatewayConfig.builder(environment, publicUrl)
        .devLogin(devLogin)
        .jwt(jwt)
        .appReturnUrl(appReturnUrl)
        .corsOrigins(corsOrigins)
        .mobileTokensPerMinute(mobileTokenLimit)
        .adminToken(adminToken)
        .reconcileInterval(reconcileEvery)
        .intake(intake)
        .relay(relay)
        .build();
  }

  /** Opens the database: PostgreSQL when a URL is set, else SQLite. */
  public Database openDatabase() {
    try {
      return databaseUrl != null ? Database.open(databaseUrl) : Database.sqlite(sqliteFile);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--database-url: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The driver's own words (refused, unknown host, bad password), not the pool's wrapper.
      throw new ConfigException(
          "cannot open the database " + dataDescription() + ": " + StartFailures.rootMessage(e), e);
    }
  }

  /**
   * Where the data lives, for the start-up banner (a URL without its query, which may hold a
   * password).
   */
  public String dataDescription() {
    return databaseUrl != null
        ? "PostgreSQL (" + databaseUrl.replaceAll("[?].*", "") + ")"
        : "SQLite " + sqliteFile;
  }
}
