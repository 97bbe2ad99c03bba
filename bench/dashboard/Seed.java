import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Fills a migrated gateway database for bench/dashboard ({@code java -cp terra-auth.jar Seed.java
 * JDBC_URL N}): N connections over N/10 users in every state, one stored delivery each (the
 * connection's history), and N widget sessions. Times spread over the last N minutes.
 */
public final class Seed {
  private static final String[] STATES = {
    "active", "active", "active", "active", "error", "revoked", "deauthenticated", "deauthenticated"
  };
  private static final String[] PROVIDERS = {"GARMIN", "FITBIT", "OURA", "WITHINGS", "POLAR"};

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    long now = System.currentTimeMillis();
    try (Connection db = DriverManager.getConnection(url)) {
      db.setAutoCommit(false);
      try (PreparedStatement connection =
              db.prepareStatement(
                  "INSERT INTO connection (terra_user_id, reference_id, provider, state, scopes,"
                      + " detail, widget_session_id, ordering_ts_ms, created_at_ms, updated_at_ms)"
                      + " VALUES (?, ?, ?, ?, 'activity,sleep', ?, ?, ?, ?, ?)");
          PreparedStatement delivery =
              db.prepareStatement(
                  "INSERT INTO webhook_delivery (dedupe_key, trace_id, signature_id, event_type,"
                      + " outcome, matched_secret, terra_user_id, ordering_ts_ms, received_at_ms,"
                      + " body) VALUES (?, ?, ?, 'auth', 'applied', 'local#1', ?, ?, ?, ?)");
          PreparedStatement session =
              db.prepareStatement(
                  "INSERT INTO auth_session (id, kind, reference_id, return_nonce, issued_at_ms,"
                      + " expires_at_ms, outcome, outcome_detail, terra_user_id, completed_at_ms)"
                      + " VALUES (?, 'WIDGET', ?, ?, ?, ?, 'COMPLETED', NULL, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          String user = String.format("bench-user-%05d", i);
          String reference = "bench-ref-" + (i % Math.max(1, count / 10));
          String state = STATES[i % STATES.length];
          long at = now - (long) (count - i) * 60_000;
          connection.setString(1, user);
          connection.setString(2, reference);
          connection.setString(3, PROVIDERS[i % PROVIDERS.length]);
          connection.setString(4, state);
          connection.setString(5, state.equals("error") ? "token_expired" : null);
          connection.setString(6, "bench-session-" + i);
          connection.setLong(7, at);
          connection.setLong(8, at);
          connection.setLong(9, at);
          connection.addBatch();
          delivery.setString(1, "bench-trace-" + i);
          delivery.setString(2, "bench-trace-" + i);
          delivery.setString(3, String.format("%064x", i));
          delivery.setString(4, user);
          delivery.setLong(5, at);
          delivery.setLong(6, at);
          delivery.setString(7, "{\"type\":\"auth\",\"user\":{\"user_id\":\"" + user + "\"}}");
          delivery.addBatch();
          session.setString(1, "bench-session-" + i);
          session.setString(2, reference);
          session.setString(3, "bench-nonce-" + i);
          session.setLong(4, at - 30_000);
          session.setLong(5, at + 870_000);
          session.setString(6, user);
          session.setLong(7, at);
          session.addBatch();
        }
        connection.executeBatch();
        delivery.executeBatch();
        session.executeBatch();
      }
      db.commit();
    }
    System.out.println("seeded " + count + " connections, deliveries and sessions");
  }
}
