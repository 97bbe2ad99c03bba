package dev.terraauth.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsHandlerType;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.util.Map;

/**
 * The {@code /connect} socket as rt.asyncapi.yaml describes it: HELLO on open, IDENTIFY with a
 * single-use token, HEARTBEAT/ACK, producer SUBMIT and STATUS, consumer REPLAY, and the close codes
 * 1003 and 4000-4005.
 */
final class StreamingSocket {
  static final int HEARTBEAT = 0;
  static final int HEARTBEAT_ACK = 1;
  static final int HELLO = 2;
  static final int IDENTIFY = 3;
  static final int READY = 4;
  static final int DISPATCH = 5;
  static final int SUBMIT = 6;
  static final int REPLAY = 7;
  static final int STATUS = 8;

  static final int MALFORMED = 1003;
  static final int IDENTIFY_TIMEOUT = 4000;
  static final int INVALID_TOKEN = 4001;
  static final int CONSUMER_LIMIT = 4002;
  static final int ALREADY_IDENTIFIED = 4003;
  static final int WRONG_OPCODE = 4004;
  static final int HEARTBEAT_MISSED = 4005;

  /** Frames larger than this are refused by Jetty (close 1009) before they reach us. */
  static final int MAX_FRAME_BYTES = 64 * 1024;

  private final StreamingHub hub;
  private final StreamingTokens tokens;
  private final FaultSwitch faults;

  StreamingSocket(StreamingHub hub, StreamingTokens tokens, FaultSwitch faults) {
    this.hub = hub;
    this.tokens = tokens;
    this.faults = faults;
  }

  void register(RoutesConfig routes) {
    routes.addWsHandler(WsHandlerType.WEBSOCKET, "/connect", this::configure);
  }

  private void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          if (injectedFault(ctx)) {
            return;
          }
          var now = hub.clock().instant();
          StreamingSettings settings = hub.settings();
          StreamSession session =
              new StreamSession(
                  ctx,
                  now.plus(settings.identifyTimeout()),
                  now.plus(settings.heartbeatDeadline()));
          if (!hub.add(session)) {
            session.close(1013, "too many open streaming sockets, try again later");
            return;
          }
          session.send(
              Json.text(
                  Map.of(
                      "op",
                      HELLO,
                      "d",
                      Map.of("heartbeat_interval", settings.heartbeatInterval().toMillis()))));
        });
    ws.onMessage(this::message);
    ws.onBinaryMessage(ctx -> close(ctx, MALFORMED, "frames are JSON text"));
    ws.onClose(ctx -> hub.remove(ctx.sessionId()));
    ws.onError(ctx -> hub.remove(ctx.sessionId()));
  }

  private void message(WsMessageContext ctx) {
    StreamSession session = hub.session(ctx.sessionId());
    if (session == null) {
      return;
    }
    JsonNode frame;
    try {
      frame = Json.parse(ctx.message());
    } catch (IOException e) {
      frame = null;
    }
    JsonNode opcode = frame == null ? null : frame.path("op");
    if (opcode == null
        || !frame.isObject()
        || !opcode.isIntegralNumber()
        || !opcode.canConvertToInt()) {
      session.close(MALFORMED, "unparseable frame: expected a JSON object with an integer op");
      return;
    }
    int op = opcode.asInt();
    StreamingTokens.Grant grant = session.grant();
    if (op == HEARTBEAT) {
      session.heartbeat(hub.clock().instant().plus(hub.settings().heartbeatDeadline()));
      session.send(Json.text(Map.of("op", HEARTBEAT_ACK)));
    } else if (op == IDENTIFY) {
      identify(session, frame.path("d"));
    } else if (grant == null) {
      session.close(WRONG_OPCODE, "op " + op + " before IDENTIFY");
    } else if (op == SUBMIT && grant.role() == StreamingTokens.Role.PRODUCER) {
      if (!frame.path("t").isTextual() || !frame.path("d").isObject()) {
        session.close(MALFORMED, "SUBMIT needs a string t and an object d");
        return;
      }
      hub.submit(grant, frame.path("t").asText(), frame.path("d"));
    } else if (op == STATUS && grant.role() == StreamingTokens.Role.PRODUCER) {
      // presence only: recorded nowhere, never dispatched; a malformed STATUS is dropped
    } else if (op == REPLAY && grant.role() == StreamingTokens.Role.CONSUMER) {
      replay(session, grant, frame.path("d"));
    } else {
      session.close(WRONG_OPCODE, "op " + op + " is not valid for a " + role(grant) + " session");
    }
  }

  private void identify(StreamSession session, JsonNode data) {
    if (session.grant() != null) {
      session.close(ALREADY_IDENTIFIED, "this session is already identified");
      return;
    }
    JsonNode token = data.path("token");
    StreamingTokens.Grant grant =
        token.isTextual() ? tokens.redeem(token.asText(), hub.clock().instant()) : null;
    if (grant == null || data.path("type").asInt(-1) != grant.role().type()) {
      session.close(INVALID_TOKEN, "token invalid, expired or already redeemed");
      return;
    }
    if (!hub.admit(session, grant)) {
      session.close(CONSUMER_LIMIT, "consumer session limit reached for this developer");
      return;
    }
    session.send(Json.text(Map.of("op", READY)));
  }

  private void replay(StreamSession session, StreamingTokens.Grant grant, JsonNode data) {
    JsonNode after = data.path("after");
    JsonNode before = data.path("before");
    boolean badAfter = !after.isMissingNode() && !after.canConvertToLong();
    boolean badBefore = !before.isMissingNode() && !before.canConvertToLong();
    if (!data.isObject() || badAfter || badBefore || !integral(after) || !integral(before)) {
      session.close(MALFORMED, "invalid REPLAY payload: d.after and d.before must be integers");
      return;
    }
    // the spec: a REPLAY without "before" is treated as an upper bound of 0 and matches nothing
    for (String frame :
        hub.replay(grant.devId(), after.asLong(0), before.isMissingNode() ? 0 : before.asLong())) {
      session.send(frame);
    }
  }

  /**
   * Route faults on {@code streamingConnect}, as on the REST routes: latency delays HELLO, a
   * dropped connection is cut without a close frame, and an error kind closes with 1011 (internal
   * error).
   */
  private boolean injectedFault(WsContext ctx) throws InterruptedException {
    var fired = faults.routeFault("streamingConnect");
    if (fired.isEmpty()) {
      return false;
    }
    Faults.RouteFault fault = fired.get();
    if (!fault.latency().isZero()) {
      Thread.sleep(fault.latency().toMillis());
    }
    switch (fault.kind()) {
      case LATENCY -> {
        return false;
      }
      case DROP_CONNECTION -> ctx.session.disconnect();
      default -> ctx.closeSession(1011, "internal error (injected " + fault.kind() + ")");
    }
    return true;
  }

  private static boolean integral(JsonNode node) {
    return node.isMissingNode() || node.isIntegralNumber();
  }

  private static String role(StreamingTokens.Grant grant) {
    return grant.role() == StreamingTokens.Role.PRODUCER ? "producer" : "consumer";
  }

  private static void close(WsContext ctx, int code, String reason) {
    ctx.closeSession(code, reason);
  }
}
