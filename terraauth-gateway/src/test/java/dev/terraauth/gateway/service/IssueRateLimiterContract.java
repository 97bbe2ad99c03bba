package dev.terraauth.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.gateway.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The issue limiter under concurrency, for every kind it limits (mobile and streaming tokens):
 * threads released together over one or two connection pools (two gateway instances) never get more
 * than the limit, and each kind has its own budget. Run by {@link SqliteIssueRateLimiterTest} and
 * {@link PostgresIssueRateLimiterIT}.
 */
abstract class IssueRateLimiterContract {
  /** The databases of the instances: one on SQLite, two pools on one PostgreSQL schema. */
  abstract List<Database> instances();

  record Outcome(int granted, int refused, List<Long> retryAfterSeconds) {}

  Outcome race(String user, IssueRateLimiter.Limit limit, int requests) throws Exception {
    List<IssueRateLimiter> limiters =
        instances().stream()
            .map(database -> new IssueRateLimiter(database.jdbi(), Clock.systemUTC()))
            .toList();
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        IssueRateLimiter limiter = limiters.get(i % limiters.size());
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    limiter.acquire(user, limit);
                    return 0L;
                  } catch (IssueLimitException refused) {
                    return refused.retryAfter().toSeconds();
                  }
                }));
      }
      go.countDown();
      int granted = 0;
      List<Long> retryAfter = new ArrayList<>();
      for (Future<Long> answer : answers) {
        long seconds = answer.get();
        if (seconds == 0) {
          granted++;
        } else {
          retryAfter.add(seconds);
        }
      }
      return new Outcome(granted, retryAfter.size(), retryAfter);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twentyConcurrentIssuesOfEachKindGetExactlyTheLimitInEachOfFiveTrials() throws Exception {
    for (String kind : List.of("mobile_token", "streaming_token")) {
      IssueRateLimiter.Limit limit = new IssueRateLimiter.Limit(kind, 5, Duration.ofMinutes(1));
      for (int trial = 0; trial < 5; trial++) {
        Outcome outcome = race("racer-" + UUID.randomUUID(), limit, 20);
        assertThat(outcome.granted()).as("%s trial %d", kind, trial).isEqualTo(5);
        assertThat(outcome.refused()).isEqualTo(15);
        assertThat(outcome.retryAfterSeconds()).allSatisfy(s -> assertThat(s).isBetween(1L, 60L));
      }
    }
  }

  @Test
  void eachKindHasItsOwnBudgetAndAReleasedIssueIsGivenBack() throws Exception {
    String user = "budget-" + UUID.randomUUID();
    IssueRateLimiter.Limit mobile =
        new IssueRateLimiter.Limit("mobile_token", 3, Duration.ofMinutes(1));
    IssueRateLimiter.Limit streaming =
        new IssueRateLimiter.Limit("streaming_token", 3, Duration.ofMinutes(1));
    assertThat(race(user, mobile, 10).granted()).isEqualTo(3);
    assertThat(race(user, streaming, 10).granted()).isEqualTo(3);
    assertThat(race(user, mobile, 10).granted()).isZero();

    IssueRateLimiter limiter = new IssueRateLimiter(instances().get(0).jdbi(), Clock.systemUTC());
    String other = "release-" + UUID.randomUUID();
    IssueRateLimiter.Reservation first = limiter.acquire(other, mobile);
    limiter.acquire(other, mobile);
    limiter.acquire(other, mobile);
    limiter.release(first);
    assertThat(race(other, mobile, 5).granted()).isEqualTo(1);
  }
}
