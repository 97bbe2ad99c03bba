package dev.terraauth.emulator;

import io.javalin.websocket.WsContext;
import java.time.Instant;

/**
 * One {@code /connect} socket: its deadlines on the emulator clock and, once identified, its role.
 * Guarded by its own monitor; frames of one socket arrive in order, the sweeper reads concurrently.
 */
final class StreamSession {
  private final WsContext socket;
  private final Instant identifyBy;
  private Instant heartbeatBy;
  private StreamingTokens.Grant grant;
  private boolean closed;

  StreamSession(WsContext socket, Instant identifyBy, Instant heartbeatBy) {
    this.socket = socket;
    this.identifyBy = identifyBy;
    this.heartbeatBy = heartbeatBy;
  }

  String id() {
    return socket.sessionId();
  }

  synchronized StreamingTokens.Grant grant() {
    return grant;
  }

  synchronized void identified(StreamingTokens.Grant value) {
    this.grant = value;
  }

  synchronized boolean isConsumerOf(String devId) {
    return !closed
        && grant != null
        && grant.role() == StreamingTokens.Role.CONSUMER
        && grant.devId().equals(devId);
  }

  synchronized void heartbeat(Instant nextDeadline) {
    this.heartbeatBy = nextDeadline;
  }

  /** The close code this session has earned by {@code now} (4000, 4005), or 0. */
  synchronized int overdue(Instant now) {
    if (closed) {
      return 0;
    }
    if (grant == null && !now.isBefore(identifyBy)) {
      return StreamingSocket.IDENTIFY_TIMEOUT;
    }
    return !now.isBefore(heartbeatBy) ? StreamingSocket.HEARTBEAT_MISSED : 0;
  }

  synchronized void send(String frame) {
    if (!closed) {
      socket.send(frame);
    }
  }

  /** Closes once; later calls do nothing. */
  synchronized void close(int code, String reason) {
    if (!closed) {
      closed = true;
      socket.closeSession(code, reason);
    }
  }
}
