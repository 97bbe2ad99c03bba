package dev.terraauth.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Streaming tokens minted by {@code POST /auth/user} and {@code /auth/developer}: random, single
 * use, short-lived. Redeeming removes the token, so a second IDENTIFY with it finds nothing.
 * Thread-safe.
 */
final class StreamingTokens {
  /** Who a token lets in. */
  enum Role {
    /** {@code type 0}: a user's device pushing samples. */
    PRODUCER,
    /** {@code type 1}: the developer's backend receiving dispatches. */
    CONSUMER;

    /** The IDENTIFY {@code d.type} of this role. */
    int type() {
      return this == PRODUCER ? 0 : 1;
    }
  }

  /** A minted token; {@code userId} is null for consumers. */
  record Grant(Role role, String devId, String userId, Instant expiresAt) {}

  private static final int MAX_OUTSTANDING = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> outstanding = new HashMap<>();

  /** Mints a token; the oldest expired ones are dropped so strangers cannot grow the map. */
  synchronized String mint(Grant grant, Instant now) {
    if (outstanding.size() >= MAX_OUTSTANDING) {
      outstanding.values().removeIf(old -> !now.isBefore(old.expiresAt()));
      Iterator<String> oldest = outstanding.keySet().iterator();
      while (outstanding.size() >= MAX_OUTSTANDING && oldest.hasNext()) {
        oldest.next();
        oldest.remove();
      }
    }
    String token = part(12) + "." + part(32);
    outstanding.put(token, grant);
    return token;
  }

  /** Consumes a token: the grant when it exists and has not expired, else null (4001). */
  synchronized Grant redeem(String token, Instant now) {
    Grant grant = token == null ? null : outstanding.remove(token);
    if (grant == null || !now.isBefore(grant.expiresAt())) {
      return null;
    }
    return grant;
  }

  private String part(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
