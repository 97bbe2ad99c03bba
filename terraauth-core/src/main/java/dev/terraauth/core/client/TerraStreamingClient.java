package dev.terraauth.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.TerraApiException;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.error.UnexpectedResponseException;
import dev.terraauth.core.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Mints tokens for Terra's real-time streaming socket, for one environment: {@link #producerToken}
 * ({@code POST /auth/user?id=}) for a user's device, {@link #consumerToken} ({@code POST
 * /auth/developer}) for your backend. Both are single use and short-lived; present one in the
 * IDENTIFY frame on {@link #socketUrl()}. Thread-safe: build one per environment and share it.
 *
 * <p>Errors are typed as the spec declares them: 400 {@code TerraBadRequestException}, 403 {@code
 * InvalidCredentialsException} (wrong credentials, or a user that is not yours), 500 {@code
 * TerraServerErrorException}; a network failure is a {@link TerraTransportException}. Never logs or
 * quotes a token or a key.
 */
public final class TerraStreamingClient {
  private final TerraCredentials credentials;
  private final TerraHttp http;
  private final String base;

  private TerraStreamingClient(Builder builder, TerraCredentials credentials) {
    this.credentials = credentials;
    TerraHttp headers = builder.http(credentials);
    this.http =
        builder.authentication == StreamingAuthentication.BASIC ? headers.withBasicAuth() : headers;
    String url = credentials.streamingUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * A builder; {@link Builder#credentials} is required.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The environment this client talks to.
   *
   * @return the environment
   */
  public Environment environment() {
    return credentials.environment();
  }

  /**
   * {@return the streaming socket: {@code wss://<streaming host>/connect} ({@code ws://} for http)}
   */
  public URI socketUrl() {
    return URI.create(base.replaceFirst("^(?i)http", "ws") + "/connect");
  }

  /**
   * {@code POST /auth/user?id=}: a producer token scoped to one of your users.
   *
   * @param terraUserId Terra's user id (a v6 connection id or a v5 user UUID)
   * @return the token, to IDENTIFY a producer on the socket
   * @throws InvalidCredentialsException 403: wrong credentials, or the user is not this dev-id's
   * @throws TerraApiException other error statuses
   * @throws TerraTransportException when the streaming host could not be reached in time
   */
  public Secret producerToken(String terraUserId) {
    if (terraUserId == null || terraUserId.isBlank() || terraUserId.length() > 256) {
      throw new IllegalArgumentException("terraUserId must be 1 to 256 characters");
    }
    String operation = "POST /auth/user";
    URI uri =
        URI.create(
            base + "/auth/user?id=" + URLEncoder.encode(terraUserId, StandardCharsets.UTF_8));
    try {
      return token(operation, http.execute(call(operation, uri)));
    } catch (InvalidCredentialsException e) {
      throw new InvalidCredentialsException(
          e.getMessage() + "; or user " + terraUserId + " does not belong to this dev-id",
          e.status(),
          e.errorCode().orElse(null),
          e.requestId().orElse(null));
    }
  }

  /**
   * {@code POST /auth/developer}: a consumer token that receives every user's live dispatches.
   *
   * @return the token, to IDENTIFY a consumer on the socket
   * @throws InvalidCredentialsException 403: wrong credentials
   * @throws TerraApiException other error statuses
   * @throws TerraTransportException when the streaming host could not be reached in time
   */
  public Secret consumerToken() {
    String operation = "POST /auth/developer";
    return token(operation, http.execute(call(operation, URI.create(base + "/auth/developer"))));
  }

  private static TerraHttp.Call call(String operation, URI uri) {
    // minting a second token is harmless, so a lost answer may be retried
    return new TerraHttp.Call("POST", uri, null, operation, true, TerraHttp.Repeat.SAFE);
  }

  private Secret token(String operation, TerraHttp.Response response) {
    JsonNode body;
    try {
      body = Json.mapper().readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    JsonNode token = body == null ? null : body.get("token");
    if (token == null || !token.isTextual() || token.asText().isBlank()) {
      // the body is never quoted: it may hold a token
      throw new UnexpectedResponseException(
          operation
              + " ("
              + credentials.environment().id()
              + ") returned "
              + response.status()
              + " without a token string; check the streaming URL points at Terra's streaming host",
          response.status(),
          null,
          null);
    }
    return Secret.of(token.asText());
  }

  @Override
  public String toString() {
    return "TerraStreamingClient[" + credentials.environment().id() + ", " + base + "]";
  }

  /**
   * Configures a {@link TerraStreamingClient}: the {@link ClientBuilder} settings, plus header
   * authentication by default. Not thread-safe.
   */
  public static final class Builder extends ClientBuilder<Builder> {
    private URI streamingUrl;
    private StreamingAuthentication authentication = StreamingAuthentication.HEADERS;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Overrides the credentials' streaming host (e.g. a running emulator).
     *
     * @param value the streaming host, e.g. {@code https://ws.tryterra.co}
     * @return this builder
     */
    public Builder streamingUrl(URI value) {
      this.streamingUrl = Objects.requireNonNull(value, "streamingUrl");
      return this;
    }

    /**
     * How the key is sent: headers ({@code dev-id}, {@code x-api-key}) or HTTP Basic.
     *
     * @param value headers or HTTP Basic
     * @return this builder
     */
    public Builder authentication(StreamingAuthentication value) {
      this.authentication = Objects.requireNonNull(value, "authentication");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client, thread-safe and meant to be shared
     * @throws IllegalStateException when no credentials were given
     */
    public TerraStreamingClient build() {
      TerraCredentials checked = requiredCredentials();
      return new TerraStreamingClient(
          this, streamingUrl == null ? checked : checked.withStreamingUrl(streamingUrl));
    }
  }
}
