package dev.terraauth.core.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The resolved credentials and endpoints of one environment. Its {@code toString()} is safe only
 * because every secret is a {@link Secret}. Immutable; change by copying ({@link #withApiBaseUrl}).
 *
 * @param environment the environment these belong to
 * @param devId the dev-id (not secret: it is sent in the clear and identifies the environment)
 * @param apiKey the API key, sent only as the {@code x-api-key} header
 * @param signingSecrets webhook signing secrets, newest generation first; may be empty when only
 *     the REST API is used
 * @param apiBaseUrl REST base, e.g. {@code https://access.tryterra.co/api/v2}
 * @param widgetSessionUrl the new widget session endpoint, e.g. {@code
 *     https://access.tryterra.co/api/widget/session}
 * @param streamingUrl the real-time streaming host, e.g. {@code https://ws.tryterra.co}
 */
public record TerraCredentials(
    Environment environment,
    String devId,
    Secret apiKey,
    List<SigningSecret> signingSecrets,
    URI apiBaseUrl,
    URI widgetSessionUrl,
    URI streamingUrl) {

  /** REST base of the current infrastructure. */
  public static final URI CURRENT_API_URL = URI.create("https://access.tryterra.co/api/v2");

  /** REST base of the legacy infrastructure, still answering during the migration. */
  public static final URI LEGACY_API_URL = URI.create("https://api.tryterra.co/v2");

  /** The new widget session endpoint as the docs give it (the spec says /widget/api/session). */
  public static final URI DEFAULT_WIDGET_SESSION_URL =
      URI.create("https://access.tryterra.co/api/widget/session");

  /** The streaming host (token minting and {@code /connect}); there is no other per the spec. */
  public static final URI DEFAULT_STREAMING_URL = URI.create("https://ws.tryterra.co");

  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param environment the environment these belong to
   * @param devId the dev-id (not secret: it is sent in the clear and identifies the environment)
   * @param apiKey the API key, sent only as the {@code x-api-key} header
   * @param signingSecrets webhook signing secrets, newest generation first; may be empty when only
   *     the REST API is used
   * @param apiBaseUrl REST base, e.g. {@code https://access.tryterra.co/api/v2}
   * @param widgetSessionUrl the new widget session endpoint, e.g. {@code
   *     https://access.tryterra.co/api/widget/session}
   * @param streamingUrl the real-time streaming host, e.g. {@code https://ws.tryterra.co}
   */
  public TerraCredentials {
    Objects.requireNonNull(environment, "environment");
    if (devId == null || devId.isBlank()) {
      throw new IllegalArgumentException("devId must not be blank");
    }
    Objects.requireNonNull(apiKey, "apiKey");
    signingSecrets = List.copyOf(signingSecrets);
    Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    Objects.requireNonNull(widgetSessionUrl, "widgetSessionUrl");
    Objects.requireNonNull(streamingUrl, "streamingUrl");
  }

  /**
   * Credentials with the default streaming host, {@link #DEFAULT_STREAMING_URL}.
   *
   * @param environment the environment these belong to
   * @param devId the dev-id
   * @param apiKey the API key
   * @param signingSecrets webhook signing secrets, newest generation first; may be empty
   * @param apiBaseUrl REST base
   * @param widgetSessionUrl the new widget session endpoint
   */
  public TerraCredentials(
      Environment environment,
      String devId,
      Secret apiKey,
      List<SigningSecret> signingSecrets,
      URI apiBaseUrl,
      URI widgetSessionUrl) {
    this(
        environment,
        devId,
        apiKey,
        signingSecrets,
        apiBaseUrl,
        widgetSessionUrl,
        DEFAULT_STREAMING_URL);
  }

  /**
   * {@return a copy pointing at another REST base (the emulator, or the legacy host)}
   *
   * @param url the new URL
   */
  public TerraCredentials withApiBaseUrl(URI url) {
    return new TerraCredentials(
        environment, devId, apiKey, signingSecrets, url, widgetSessionUrl, streamingUrl);
  }

  /**
   * {@return a copy with another new-widget-session endpoint}
   *
   * @param url the new URL
   */
  public TerraCredentials withWidgetSessionUrl(URI url) {
    return new TerraCredentials(
        environment, devId, apiKey, signingSecrets, apiBaseUrl, url, streamingUrl);
  }

  /**
   * {@return a copy with another streaming host (the emulator in tests)}
   *
   * @param url the new URL
   */
  public TerraCredentials withStreamingUrl(URI url) {
    return new TerraCredentials(
        environment, devId, apiKey, signingSecrets, apiBaseUrl, widgetSessionUrl, url);
  }
}
