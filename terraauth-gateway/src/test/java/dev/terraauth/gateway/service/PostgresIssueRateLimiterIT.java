package dev.terraauth.gateway.service;

import dev.terraauth.gateway.store.Database;
import dev.terraauth.gateway.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The issue limiter's contract across two gateway instances (two connection pools) on one
 * PostgreSQL schema; skipped without TERRAAUTH_TEST_POSTGRES_URL.
 */
class PostgresIssueRateLimiterIT extends IssueRateLimiterContract {
  static TestDatabase first;
  static Database second;

  @BeforeAll
  static void open() {
    first = TestDatabase.postgresIfConfigured();
    if (first != null) {
      second = Database.open(first.jdbcUrl());
    }
  }

  @BeforeEach
  void requireDatabase() {
    TestDatabase.assumeConfigured(first);
  }

  @AfterAll
  static void close() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Override
  List<Database> instances() {
    return List.of(first.database(), second);
  }
}
