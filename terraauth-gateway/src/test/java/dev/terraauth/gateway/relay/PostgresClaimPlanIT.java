package dev.terraauth.gateway.relay;

import dev.terraauth.gateway.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** {@link ClaimPlanContract} on PostgreSQL (skipped without TERRAAUTH_TEST_POSTGRES_URL). */
class PostgresClaimPlanIT {
  @Test
  void aClaimReadsPendingMessagesOnly() {
    try (TestDatabase database = TestDatabase.postgres()) {
      ClaimPlanContract.assertPendingOnly(database, true);
    }
  }
}
