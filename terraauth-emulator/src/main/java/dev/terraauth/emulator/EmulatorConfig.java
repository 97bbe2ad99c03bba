package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a config file (YAML or JSON, snake_case keys) can set. Durations are written {@code
 * 500ms}, {@code 5s}, {@code 30m}, {@code 1h} or ISO-8601 ({@code PT5S}). Example:
 *
 * <pre>{@code
 * port: 8789
 * profile: current
 * include_local_account: true
 * retry_schedule: [5s, 30s, 1m, 2m, 4m]
 * accounts:
 *   - dev_id: acme-testing-0000
 *     environment: testing
 *     api_key: fake-api-key-testing-0000
 *     signing_secrets: [fake-signing-secret-testing-0000]
 *     webhook_url: http://127.0.0.1:8788/webhooks/terra
 *     providers: [GARMIN, FITBIT, APPLE]
 *     user_cap: 50
 *     legacy_widget_gone: false
 * quirks: {user_cap_status: 403, failure_reason_parameter: reason, deauth_delay: 2s}
 * streaming: {heartbeat_interval: 40s, heartbeat_grace: 20s, identify_timeout: 10s, token_ttl: 60s,
 *             consumer_session_limit: 3, replay_history: 1000}
 * faults:
 *   seed: 42
 *   routes: [{route: generateWidgetSession, kind: http_503, rate: 0.5, latency: 200ms}]
 *   webhooks: {duplicate_rate: 0.1, out_of_order: false, stale_by: 0s, wrong_secret_rate: 0}
 * }</pre>
 *
 * @param port the port to listen on, or null for the default
 * @param profile the API profile served
 * @param includeLocalAccount whether the built-in {@code local} account is present
 * @param accounts further accounts
 * @param quirks the behaviour the contract marks UNCONFIRMED
 * @param faults the faults in force from the start
 * @param retrySchedule the delays between webhook attempts after a failure
 * @param deliveryTimeout how long a webhook receiver may take to answer
 * @param publicUrl the root URL put into hosted-page links, or null for the emulator's own
 * @param streaming the streaming timeouts and limits
 */
public record EmulatorConfig(
    Integer port,
    Profile profile,
    boolean includeLocalAccount,
    List<EmulatorAccount> accounts,
    Quirks quirks,
    Faults faults,
    List<Duration> retrySchedule,
    Duration deliveryTimeout,
    URI publicUrl,
    StreamingSettings streaming) {

  /** 5 m / 30 m / 1 h / 2 h / 4 h compressed 60 times: 5 s / 30 s / 1 m / 2 m / 4 m. */
  public static final List<Duration> DEFAULT_RETRY_SCHEDULE =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(4));

  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param port the port to listen on, or null for the default
   * @param profile the API profile served
   * @param includeLocalAccount whether the built-in {@code local} account is present
   * @param accounts further accounts
   * @param quirks the behaviour the contract marks UNCONFIRMED
   * @param faults the faults in force from the start
   * @param retrySchedule the delays between webhook attempts after a failure
   * @param deliveryTimeout how long a webhook receiver may take to answer
   * @param publicUrl the root URL put into hosted-page links, or null for the emulator's own
   * @param streaming the streaming timeouts and limits
   */
  public EmulatorConfig {
    accounts = List.copyOf(accounts);
    retrySchedule = List.copyOf(retrySchedule);
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(quirks, "quirks");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    Objects.requireNonNull(streaming, "streaming");
  }

  /** {@return the defaults: current profile, only the built-in local account, no faults} */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig(
        null,
        Profile.CURRENT,
        true,
        List.of(),
        Quirks.defaults(),
        Faults.none(),
        DEFAULT_RETRY_SCHEDULE,
        Duration.ofSeconds(8),
        null,
        StreamingSettings.defaults());
  }

  /**
   * Reads a YAML or JSON file.
   *
   * @param file the file
   * @return the configuration
   * @throws IllegalArgumentException naming the file and the field that is wrong (never a value)
   * @throws IOException when the file cannot be read
   */
  public static EmulatorConfig load(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    try {
      return parse(root == null ? new ObjectMapper().createObjectNode() : root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a parsed YAML or JSON tree.
   *
   * @param root the tree
   * @return the configuration
   */
  public static EmulatorConfig parse(JsonNode root) {
    EmulatorConfig defaults = defaults();
    List<EmulatorAccount> accounts = new ArrayList<>();
    JsonNode accountNodes = root.path("accounts");
    for (int i = 0; i < accountNodes.size(); i++) {
      try {
        accounts.add(account(accountNodes.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("accounts[" + i + "]: " + e.getMessage(), e);
      }
    }
    List<Duration> schedule = defaults.retrySchedule();
    if (root.has("retry_schedule")) {
      schedule = new ArrayList<>();
      for (JsonNode step : root.get("retry_schedule")) {
        schedule.add(duration(step.asText(), "retry_schedule"));
      }
    }
    return new EmulatorConfig(
        root.hasNonNull("port") ? root.get("port").asInt() : null,
        root.hasNonNull("profile") ? Profile.parse(root.get("profile").asText()) : Profile.CURRENT,
        !root.has("include_local_account") || root.get("include_local_account").asBoolean(),
        accounts,
        quirks(root.path("quirks")),
        root.has("faults") ? faults(root.get("faults")) : Faults.none(),
        schedule,
        root.hasNonNull("delivery_timeout")
            ? duration(root.get("delivery_timeout").asText(), "delivery_timeout")
            : defaults.deliveryTimeout(),
        root.hasNonNull("public_url") ? URI.create(root.get("public_url").asText()) : null,
        streaming(root.path("streaming")));
  }

  private static final List<String> STREAMING_FIELDS =
      List.of(
          "heartbeat_interval",
          "heartbeat_grace",
          "identify_timeout",
          "token_ttl",
          "consumer_session_limit",
          "replay_history");

  private static StreamingSettings streaming(JsonNode node) {
    StreamingSettings defaults = StreamingSettings.defaults();
    if (node.isMissingNode() || node.isNull()) {
      return defaults;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "streaming must be an object with " + String.join(", ", STREAMING_FIELDS));
    }
    for (String field : (Iterable<String>) node::fieldNames) {
      if (!STREAMING_FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "streaming." + field + " is not a setting; use " + String.join(", ", STREAMING_FIELDS));
      }
    }
    try {
      return new StreamingSettings(
          durationOr(node, "heartbeat_interval", defaults.heartbeatInterval()),
          durationOr(node, "heartbeat_grace", defaults.heartbeatGrace()),
          durationOr(node, "identify_timeout", defaults.identifyTimeout()),
          durationOr(node, "token_ttl", defaults.tokenTtl()),
          wholeNumber(node, "consumer_session_limit", defaults.consumerSessionLimit()),
          wholeNumber(node, "replay_history", defaults.replayHistory()));
    } catch (IllegalArgumentException e) {
      // the record names its Java components; the file's reader knows the snake_case keys
      String message = e.getMessage();
      for (String field : STREAMING_FIELDS) {
        message = message.replace(camelCase(field), field);
      }
      throw new IllegalArgumentException(
          message.startsWith("streaming.") ? message : "streaming." + message, e);
    }
  }

  /** An integer field; a string, a fraction or a number out of range is an error, not a default. */
  private static int wholeNumber(JsonNode node, String field, int fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new IllegalArgumentException(field + " must be a whole number, got " + value);
    }
    return value.asInt();
  }

  private static String camelCase(String snake) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  private static EmulatorAccount account(JsonNode node) {
    if (!node.hasNonNull("dev_id")) {
      throw new IllegalArgumentException("dev_id is required");
    }
    EmulatorAccount.Builder builder = EmulatorAccount.builder(node.get("dev_id").asText());
    if (node.hasNonNull("environment")) {
      builder.environment(AccountEnvironment.parse(node.get("environment").asText()));
    }
    if (!node.hasNonNull("api_key")) {
      throw new IllegalArgumentException("api_key is required");
    }
    builder.apiKey(node.get("api_key").asText());
    List<String> secrets = new ArrayList<>();
    node.path("signing_secrets").forEach(secret -> secrets.add(secret.asText()));
    if (node.hasNonNull("signing_secret")) {
      secrets.add(0, node.get("signing_secret").asText());
    }
    builder.signingSecrets(secrets);
    if (node.hasNonNull("webhook_url")) {
      builder.webhookUrl(URI.create(node.get("webhook_url").asText()));
    }
    if (node.has("providers")) {
      List<String> providers = new ArrayList<>();
      node.get("providers").forEach(provider -> providers.add(provider.asText()));
      builder.providers(providers);
    }
    if (node.hasNonNull("user_cap")) {
      builder.userCap(node.get("user_cap").asInt());
    }
    builder.legacyWidgetGone(node.path("legacy_widget_gone").asBoolean(false));
    return builder.build();
  }

  private static Quirks quirks(JsonNode node) {
    Quirks quirks = Quirks.defaults();
    return new Quirks(
        text(node, "invalid_credentials_detail", quirks.invalidCredentialsDetail()),
        node.path("user_cap_status").asInt(quirks.userCapStatus()),
        text(node, "failure_reason_parameter", quirks.failureReasonParameter()),
        durationOr(node, "deauth_delay", quirks.deauthDelay()),
        durationOr(node, "widget_session_ttl", quirks.widgetSessionTtl()),
        durationOr(node, "auth_url_ttl", quirks.authUrlTtl()),
        durationOr(node, "mobile_token_ttl", quirks.mobileTokenTtl()),
        bool(node, "legacy_base_errors", quirks.legacyBaseErrors()),
        bool(node, "bulk_user_info_not_found", quirks.bulkUserInfoNotFound()));
  }

  private static boolean bool(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("quirks." + field + " must be true or false");
    }
    return value.asBoolean();
  }

  /**
   * Reads the {@code faults} object (also the body of {@code PUT /_emulator/faults}).
   *
   * @param node the {@code faults} object
   * @return the faults
   */
  public static Faults faults(JsonNode node) {
    List<Faults.RouteFault> routes = new ArrayList<>();
    for (JsonNode route : node.path("routes")) {
      routes.add(
          new Faults.RouteFault(
              text(route, "route", "*"),
              Faults.Kind.parse(text(route, "kind", "latency")),
              route.path("rate").asDouble(1.0),
              durationOr(route, "latency", Duration.ZERO),
              route.path("retry_after_seconds").asInt(1)));
    }
    JsonNode hooks = node.path("webhooks");
    Faults.WebhookFaults webhooks =
        new Faults.WebhookFaults(
            hooks.path("duplicate_rate").asDouble(0),
            hooks.path("out_of_order").asBoolean(false),
            durationOr(hooks, "stale_by", Duration.ZERO),
            hooks.path("wrong_secret_rate").asDouble(0));
    return new Faults(routes, webhooks, node.path("seed").asLong(0));
  }

  private static String text(JsonNode node, String field, String fallback) {
    return node.hasNonNull(field) ? node.get(field).asText() : fallback;
  }

  private static Duration durationOr(JsonNode node, String field, Duration fallback) {
    return node.hasNonNull(field) ? duration(node.get(field).asText(), field) : fallback;
  }

  /**
   * Parses {@code 250ms}, {@code 5s}, {@code 30m}, {@code 1h} or ISO-8601 {@code PT5S}.
   *
   * @param value the text
   * @param field the field it came from, named in the error
   * @return the duration
   */
  public static Duration duration(String value, String field) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (text.startsWith("pt") || text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
      }
      long amount = Long.parseLong(text.substring(0, text.length() - 1).strip());
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          field + " is not a duration (use e.g. 500ms, 5s, 30m, 1h or PT5S)", e);
    }
  }
}
