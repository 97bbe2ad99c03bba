package dev.terraauth.gateway.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.gateway.auth.AppUserAuthenticator;
import dev.terraauth.gateway.service.AppUserService;
import dev.terraauth.gateway.store.AuthSession;
import dev.terraauth.gateway.store.Connection;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The JSON API an app calls on behalf of its signed-in user. */
public final class AppApi {
  /**
   * Request bodies are the app's own JSON, not Terra's: a number or boolean where a string belongs
   * ({@code {"terra_user_id": 5}}) is refused naming the field, instead of being read as the text
   * "5" and answered as an unknown connection.
   */
  private static final ObjectMapper JSON = strict(TerraJson.newMapper());

  private final AppUserAuthenticator authenticator;
  private final AppUserService service;
  private final Function<URI, Optional<String>> returnUrlProblem;
  private final Clock clock;

  /**
   * @param returnUrlProblem what is wrong with an app's {@code return_url} (the HTTPS rule, an
   *     origin that is not the app's), or empty when it may be used
   */
  public AppApi(
      AppUserAuthenticator authenticator,
      AppUserService service,
      Function<URI, Optional<String>> returnUrlProblem,
      Clock clock) {
    this.authenticator = authenticator;
    this.service = service;
    this.returnUrlProblem = returnUrlProblem;
    this.clock = clock;
  }

  /** Body of {@code POST /api/terra/widget-session}; every field optional. */
  record WidgetSessionBody(List<String> providers, String language, String returnUrl) {}

  public void widgetSession(Context ctx) {
    String userId = authenticator.authenticate(ctx.header("Authorization"));
    WidgetSessionBody body = readBody(ctx, WidgetSessionBody.class);
    URI returnUrl = null;
    if (body != null && body.returnUrl() != null) {
      returnUrl = parseUri(body.returnUrl());
      returnUrlProblem
          .apply(returnUrl)
          .ifPresent(
              problem -> {
                throw ProblemException.badRequest(problem);
              });
    }
    List<String> providers =
        body == null || body.providers() == null ? List.of() : body.providers();
    AppUserService.WidgetSessionIssued issued =
        service.widgetSession(userId, providers, body == null ? null : body.language(), returnUrl);
    ctx.header("Cache-Control", "no-store");
    ctx.json(
        Map.of(
            "session_id", issued.sessionId(),
            "url", issued.url().toString(),
            "expires_at", issued.expiresAt().toString()));
  }

  public void mobileToken(Context ctx) {
    String userId = authenticator.authenticate(ctx.header("Authorization"));
    AppUserService.MobileTokenIssued issued = service.mobileToken(userId);
    ctx.header("Cache-Control", "no-store");
    ctx.json(
        Map.of(
            "token", issued.token().reveal(), // the one place it leaves: to its owner
            "reference_id", issued.referenceId(),
            "expires_at", issued.expiresAt().toString()));
  }

  /** Body of {@code POST /api/terra/streaming-token}. */
  record StreamingTokenBody(String terraUserId) {}

  public void streamingToken(Context ctx) {
    String userId = authenticator.authenticate(ctx.header("Authorization"));
    StreamingTokenBody body = readBody(ctx, StreamingTokenBody.class);
    String terraUserId = body == null ? null : body.terraUserId();
    if (terraUserId == null || terraUserId.isBlank()) {
      throw ProblemException.badRequest("terra_user_id is required: the connection to stream for");
    }
    if (terraUserId.length() > 128) {
      throw ProblemException.badRequest("terra_user_id must be at most 128 characters");
    }
    if (terraUserId.chars().anyMatch(Character::isISOControl)) {
      throw ProblemException.badRequest("terra_user_id must not contain control characters");
    }
    AppUserService.StreamingTokenIssued issued = service.streamingToken(userId, terraUserId);
    ctx.header("Cache-Control", "no-store");
    ctx.json(
        Map.of(
            "token", issued.token().reveal(), // the one place it leaves: to its owner
            "terra_user_id", issued.terraUserId(),
            "socket_url", issued.socketUrl().toString()));
  }

  public void connections(Context ctx) {
    String userId = authenticator.authenticate(ctx.header("Authorization"));
    AppUserService.Overview overview = service.overview(userId);
    long now = clock.millis();
    ctx.json(
        Map.of(
            "reference_id", userId,
            "connections", overview.connections().stream().map(AppApi::view).toList(),
            "sessions", overview.sessions().stream().map(session -> view(session, now)).toList()));
  }

  public void disconnect(Context ctx) {
    String userId = authenticator.authenticate(ctx.header("Authorization"));
    service.disconnect(userId, ctx.pathParam("terraUserId"));
    ctx.status(204);
  }

  static Map<String, Object> view(Connection connection) {
    return Map.of(
        "terra_user_id", connection.terraUserId(),
        "provider", connection.provider() == null ? "" : connection.provider(),
        "state", connection.state().id(),
        "scopes", connection.scopes(),
        "detail", connection.detail() == null ? "" : connection.detail(),
        "created_at", Instant.ofEpochMilli(connection.createdAtMs()).toString(),
        "updated_at", Instant.ofEpochMilli(connection.updatedAtMs()).toString(),
        // orphan: Terra reported it, but no session issued here led to it
        "orphan", connection.widgetSessionId() == null);
  }

  static Map<String, Object> view(AuthSession session, long nowMs) {
    return Map.of(
        "kind",
        session.kind().name().toLowerCase(java.util.Locale.ROOT),
        // a mobile token's id is the hash of the token: not shown to anyone
        "session_id",
        session.kind() == AuthSession.Kind.WIDGET ? session.id() : "",
        "status",
        session.status(nowMs),
        "detail",
        session.outcomeDetail() == null ? "" : session.outcomeDetail(),
        "terra_user_id",
        session.terraUserId() == null ? "" : session.terraUserId(),
        // what the widget's redirect said (a hint; "mobile_sdk": finishes in the app's SDK)
        "hint",
        session.redirectHint() == null ? "" : session.redirectHint(),
        "issued_at",
        Instant.ofEpochMilli(session.issuedAtMs()).toString(),
        "expires_at",
        Instant.ofEpochMilli(session.expiresAtMs()).toString());
  }

  static <T> T readBody(Context ctx, Class<T> type) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return null;
    }
    try {
      return JSON.readValue(bytes, type);
    } catch (MismatchedInputException e) {
      String field = fieldOf(e);
      throw ProblemException.badRequest(
          field == null
              ? "the body is not the expected JSON object"
              : field + " has the wrong type: " + expected(e.getTargetType()));
    } catch (JacksonException e) {
      throw ProblemException.badRequest("the body is not the expected JSON object");
    } catch (java.io.IOException e) {
      throw ProblemException.badRequest("the body could not be read");
    }
  }

  private static ObjectMapper strict(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** The JSON path of the offending value, e.g. {@code providers[1]}; null for the body itself. */
  private static String fieldOf(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? null : path.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "see the API documentation";
    }
    if (type == String.class) {
      return "expected a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "expected an array of strings";
    }
    return "expected " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private static URI parseUri(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw ProblemException.badRequest("return_url must be an absolute URL");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw ProblemException.badRequest("return_url is not a URL");
    }
  }
}
