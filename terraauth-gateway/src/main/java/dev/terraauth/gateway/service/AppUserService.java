package dev.terraauth.gateway.service;

import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.core.config.Secret;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.GatewayMetrics;
import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.store.SessionStore;
import dev.terraauth.gateway.terra.TerraUpstream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What an authenticated app user can do: start connections, list and remove their own. */
public final class AppUserService {
  private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final GatewayConfig config;
  private final TerraUpstream terra;
  private final Jdbi jdbi;
  private final ConnectionStore connections;
  private final SessionStore sessions;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final IssueRateLimiter limiter;

  public AppUserService(
      GatewayConfig config,
      TerraUpstream terra,
      Jdbi jdbi,
      ConnectionStore connections,
      SessionStore sessions,
      GatewayMetrics metrics,
      Clock clock) {
    this.config = config;
    this.terra = terra;
    this.jdbi = jdbi;
    this.connections = connections;
    this.sessions = sessions;
    this.metrics = metrics;
    this.clock = clock;
    this.limiter = new IssueRateLimiter(jdbi, clock);
  }

  /** A widget session whose redirects come back to the gateway's own return pages. */
  public record WidgetSessionIssued(String sessionId, URI url, Instant expiresAt) {}

  /**
   * The token goes to the app once (a {@link Secret}: it cannot print); only its hash is stored.
   */
  public record MobileTokenIssued(Secret token, String referenceId, Instant expiresAt) {}

  /** Nullable: returnUrl (validated by the caller), language. */
  public WidgetSessionIssued widgetSession(
      String userId, List<String> providers, String language, URI returnUrl) {
    String nonce = HexFormat.of().formatHex(randomBytes(16));
    URI base = config.publicUrl();
    WidgetSessionRequest.Builder request =
        WidgetSessionRequest.builder(userId)
            .providers(providers)
            .successRedirect(base.resolve("/terra/return/success?s=" + nonce))
            .failureRedirect(base.resolve("/terra/return/failure?s=" + nonce));
    if (language != null) {
      request.language(language);
    }
    WidgetSession session = terra.createWidgetSession(request.build());
    Instant now = clock.instant();
    Instant expiresAt = session.expiresAt();
    sessions.insert(
        new AuthSession(
            session.sessionId(),
            AuthSession.Kind.WIDGET,
            userId,
            nonce,
            now.toEpochMilli(),
            expiresAt.toEpochMilli(),
            AuthSession.Outcome.PENDING,
            null,
            returnUrl == null ? null : returnUrl.toString(),
            null,
            null,
            null));
    metrics.tokenIssued("widget_session");
    return new WidgetSessionIssued(session.sessionId(), session.url(), expiresAt);
  }

  /**
   * A mobile SDK token, at most {@code mobileTokensPerMinute} per user per minute. The issue is
   * counted and recorded atomically before Terra is asked (so concurrent requests and several
   * gateway instances share the limit), and given back if Terra fails.
   */
  public MobileTokenIssued mobileToken(String userId) {
    Instant now = clock.instant();
    IssueRateLimiter.Reservation reservation =
        limiter.acquire(
            userId,
            new IssueRateLimiter.Limit(
                "mobile_token", config.mobileTokensPerMinute(), RATE_WINDOW));
    MobileToken token;
    try {
      token = terra.createMobileToken();
    } catch (RuntimeException e) {
      limiter.release(reservation);
      throw e;
    }
    Instant expiresAt = token.expiresAt();
    sessions.insert(
        new AuthSession(
            sha256(token.token().reveal()),
            AuthSession.Kind.MOBILE_TOKEN,
            userId,
            null,
            now.toEpochMilli(),
            expiresAt.toEpochMilli(),
            AuthSession.Outcome.PENDING,
            null,
            null,
            null,
            null,
            null));
    metrics.tokenIssued("mobile_token");
    return new MobileTokenIssued(token.token(), userId, expiresAt);
  }

  /**
   * The token goes to the app once (a {@link Secret}: it cannot print); only its hash is stored.
   */
  public record StreamingTokenIssued(Secret token, String terraUserId, URI socketUrl) {}

  /**
   * A streaming producer token for one of the user's own active connections, limited like mobile
   * tokens (its own budget of {@code mobileTokensPerMinute}). Anyone else's connection, or one that
   * is not active, is a 404 indistinguishable from one that does not exist.
   */
  public StreamingTokenIssued streamingToken(String userId, String terraUserId) {
    connections
        .find(terraUserId)
        .filter(c -> userId.equals(c.referenceId()) && c.state() == ConnectionState.ACTIVE)
        .orElseThrow(ConnectionNotFoundException::new);
    Instant now = clock.instant();
    IssueRateLimiter.Reservation reservation =
        limiter.acquire(
            userId,
            new IssueRateLimiter.Limit(
                "streaming_token", config.mobileTokensPerMinute(), RATE_WINDOW));
    TerraUpstream.StreamingToken token;
    try {
      token = terra.createStreamingToken(terraUserId);
    } catch (RuntimeException e) {
      limiter.release(reservation);
      throw e;
    }
    sessions.insert(
        new AuthSession(
            sha256(token.token().reveal()),
            AuthSession.Kind.STREAMING_TOKEN,
            userId,
            null,
            now.toEpochMilli(),
            // Terra states no lifetime ("short-lived"); the record is complete when issued
            now.toEpochMilli(),
            AuthSession.Outcome.COMPLETED,
            "streaming producer token",
            null,
            null,
            terraUserId,
            now.toEpochMilli()));
    metrics.tokenIssued("streaming_token");
    return new StreamingTokenIssued(token.token(), terraUserId, token.socketUrl());
  }

  /** The user's connections and the sessions that have not (or not yet) become one. */
  public record Overview(List<Connection> connections, List<AuthSession> sessions) {}

  public Overview overview(String userId) {
    return new Overview(connections.byReference(userId), sessions.byReference(userId, 20));
  }

  /**
   * Deauthenticates one of the user's own connections at Terra and records it. Someone else's (or
   * an unknown) connection is a 404, indistinguishable from one that does not exist.
   */
  public void disconnect(String userId, String terraUserId) {
    Connection connection =
        connections
            .find(terraUserId)
            .filter(c -> userId.equals(c.referenceId()))
            .orElseThrow(ConnectionNotFoundException::new);
    terra.deauthenticate(terraUserId);
    long now = clock.millis();
    jdbi.useTransaction(
        handle ->
            connections.upsert(
                handle,
                new Connection(
                    connection.terraUserId(),
                    connection.referenceId(),
                    connection.provider(),
                    ConnectionState.DEAUTHENTICATED,
                    connection.scopes(),
                    "disconnected by the user",
                    connection.widgetSessionId(),
                    Math.max(now, connection.orderingTimestampMs()),
                    connection.createdAtMs(),
                    now)));
  }

  /** SHA-256 hex: how issued tokens are identified without storing them. */
  public static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
