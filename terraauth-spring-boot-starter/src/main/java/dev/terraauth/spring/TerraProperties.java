package dev.terraauth.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The terra.* settings. None of them is a secret: the API key and the webhook signing secrets come
 * from the same sources as the terra-auth CLI (system properties, environment variables,
 * .env.terra.* files, the secrets directory), never from application properties, so they cannot end
 * up in a committed application.yml or in /actuator/configprops.
 *
 * @param environment which Terra environment: testing, staging, production or local (the emulator);
 *     required, so an app never talks to the wrong one by default
 * @param configDir where .env.terra.* files live (default: the working directory)
 * @param secretsDir a directory with one file per value, e.g. terra_production_api_key
 * @param apiUrl overrides the REST base URL (e.g. an emulator in tests)
 * @param widgetSessionUrl overrides the new widget session endpoint
 * @param client timeouts and retries of the TerraAuthClient
 * @param webhook the webhook endpoint
 * @param health the terra health indicator
 */
@ConfigurationProperties("terra")
public record TerraProperties(
    String environment,
    Path configDir,
    Path secretsDir,
    URI apiUrl,
    URI widgetSessionUrl,
    @DefaultValue Client client,
    @DefaultValue Webhook webhook,
    @DefaultValue Health health) {

  /**
   * Timeouts and retries of the auth client. Safe-to-repeat calls are retried on 429, 502, 503, 504
   * and network errors, with jittered exponential backoff.
   *
   * @param connectTimeout time allowed to establish a connection
   * @param requestTimeout time allowed for one attempt
   * @param callTimeout time allowed for a whole call, every attempt and wait included
   * @param maxAttempts attempts in total, including the first (1 turns retries off)
   * @param initialBackoff the first wait before a retry
   * @param maxBackoff the longest wait between attempts
   * @param maxRetryAfter the longest Retry-After from Terra that is waited for
   */
  public record Client(
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("30s") Duration callTimeout,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("2s") Duration maxBackoff,
      @DefaultValue("10s") Duration maxRetryAfter) {}

  /**
   * The webhook endpoint.
   *
   * @param enabled whether the endpoint and the WebhookVerifier are configured; an app that only
   *     calls the REST API sets this to false and needs no signing secret
   * @param path where Terra posts, the URL to give Terra's dashboard
   * @param tolerance how far the signature's timestamp may be from now (1 s to 24 h)
   * @param maxBodySize larger deliveries are refused with 413 before they are read
   * @param publishApplicationEvents whether every verified event is also published as a
   *     TerraWebhookReceived application event
   * @param permitThroughSecurity whether a Spring Security filter chain lets Terra's POST through
   *     (it carries a signature, never the app's own credentials)
   */
  public record Webhook(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/terra/webhooks") String path,
      @DefaultValue("300s") Duration tolerance,
      @DefaultValue("1MB") DataSize maxBodySize,
      @DefaultValue("true") boolean publishApplicationEvents,
      @DefaultValue("true") boolean permitThroughSecurity) {}

  /**
   * The terra health indicator.
   *
   * @param liveCheck whether each health check also calls Terra (an authenticated, read-only
   *     request), so a revoked API key shows as DOWN
   */
  public record Health(@DefaultValue("false") boolean liveCheck) {}
}
