package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.service.Reconciler;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.gateway.webhook.DeliveryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway instances on one PostgreSQL database behave as one. */
class PostgresMultiInstanceIT {
  static TestDatabase first;
  static dev.terraauth.gateway.store.Database secondDatabase;
  static GatewayApp gatewayA;
  static GatewayApp gatewayB;
  static final FakeTerra terra = new FakeTerra(Clock.systemUTC());
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    first = TestDatabase.postgresIfConfigured();
    if (first == null) {
      return;
    }
    gatewayA = gateway(first.database());
    // the second instance opens its own pool on the same schema
    secondDatabase = dev.terraauth.gateway.store.Database.open(first.jdbcUrl());
    gatewayB = gateway(secondDatabase);
  }

  static GatewayApp gateway(dev.terraauth.gateway.store.Database database) {
    WebhookVerifier verifier =
        WebhookVerifier.of(
            List.of(new SigningSecret(Environment.TESTING, 1, Secret.of(Stack.OLD_SECRET))));
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(JwtSettings.hs256(Stack.JWT_SECRET, Stack.ISSUER, Stack.AUDIENCE))
            .build();
    return GatewayApp.create(
            config,
            new GatewayApp.Parts(
                database, terra, verifier, CredentialAdmin.none(), Clock.systemUTC()))
        .start("127.0.0.1", 0);
  }

  @org.junit.jupiter.api.BeforeEach
  void requireDatabase() {
    TestDatabase.assumeConfigured(first);
  }

  @AfterAll
  static void stop() {
    if (gatewayA != null) {
      gatewayA.stop();
      gatewayB.stop();
      secondDatabase.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void theSameDeliveryRacingToBothInstancesIsStoredAndAppliedOnce() throws Exception {
    String terraUserId = UUID.randomUUID().toString();
    String trace = UUID.randomUUID().toString();
    String body =
        "{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\""
            + terraUserId
            + "\",\"provider\":\"GARMIN\",\"scopes\":\"A\",\"reference_id\":\"racer\"}}";
    String signature =
        WebhookSigner.of(Secret.of(Stack.OLD_SECRET))
            .header(
                Clock.systemUTC().instant().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        int port = (i % 2 == 0 ? gatewayA : gatewayB).port();
        Callable<HttpResponse<String>> post =
            () ->
                http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/webhooks/terra"))
                        .header("X-Terra-Signature", signature)
                        .header("X-Terra-Trace-Id", trace)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        responses.add(pool.submit(post));
      }
      int stored = 0;
      for (Future<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).isEqualTo(200);
        if (response.get().body().contains("\"stored\"")) {
          stored++;
        }
      }
      assertThat(stored).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(new DeliveryStore(first.database().jdbi()).find(trace)).isPresent();
    assertThat(new ConnectionStore(first.database().jdbi()).byReference("racer")).hasSize(1);
  }

  @Test
  void twentyConcurrentMobileTokenRequestsAcrossTwoInstancesGetFive() throws Exception {
    for (int trial = 0; trial < 5; trial++) {
      MobileTokenRace.Outcome outcome =
          MobileTokenRace.race(
              List.of(gatewayA.port(), gatewayB.port()), "racer-" + UUID.randomUUID(), 20);
      assertThat(outcome.others()).as("neither 200 nor 429").isEmpty();
      assertThat(outcome.issued()).isEqualTo(5);
      assertThat(outcome.limited()).isEqualTo(15);
    }
  }

  @Test
  void fiveThousandDeliveriesSentToBothInstancesAtOnceAreStoredOnceEach() throws Exception {
    int count = 5_000;
    String batch = UUID.randomUUID().toString();
    long t = Clock.systemUTC().instant().getEpochSecond();
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
    java.util.concurrent.ConcurrentLinkedQueue<Integer> statuses =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    List<java.util.concurrent.CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String body =
          "{\"type\":\"permission_change\",\"user\":{\"user_id\":\""
              + batch
              + "-"
              + (i % 50)
              + "\",\"provider\":\"GARMIN\",\"scopes\":\"S"
              + i
              + "\",\"reference_id\":\"many\"}}";
      String signature =
          WebhookSigner.of(Secret.of(Stack.OLD_SECRET))
              .header(t, body.getBytes(StandardCharsets.UTF_8));
      String trace = batch + "-" + i;
      for (GatewayApp gateway : List.of(gatewayA, gatewayB)) {
        inFlight.acquire();
        sent.add(
            http.sendAsync(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port() + "/webhooks/terra"))
                        .header("X-Terra-Signature", signature)
                        .header("X-Terra-Trace-Id", trace)
                        .header("X-Terra-Ordering-Timestamp", Long.toString(t * 1000 + i))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .whenComplete(
                    (response, failure) -> {
                      inFlight.release();
                      statuses.add(failure == null ? response.statusCode() : -1);
                    }));
      }
    }
    java.util.concurrent.CompletableFuture.allOf(
            sent.toArray(java.util.concurrent.CompletableFuture[]::new))
        .exceptionally(failure -> null)
        .join();
    // a 503 would be retried by Terra; here every request must simply have been taken in
    assertThat(statuses).hasSize(2 * count).containsOnly(200);
    long stored =
        first
            .database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT COUNT(*) FROM webhook_delivery WHERE trace_id LIKE :p")
                        .bind("p", batch + "-%")
                        .mapTo(Long.class)
                        .one());
    assertThat(stored).isEqualTo(count);
  }

  @Test
  void reconciliationRunsOnOneInstanceAtATime() {
    Reconciler reconciler =
        new Reconciler(
            first.database(),
            new ConnectionStore(first.database().jdbi()),
            terra,
            Clock.systemUTC());
    try (Handle otherInstance = first.database().jdbi().open()) {
      // another instance holds the reconciliation lock
      otherInstance
          .createQuery("SELECT pg_advisory_lock(:key)")
          .bind("key", Reconciler.ADVISORY_LOCK_KEY)
          .mapTo(String.class)
          .one();
      assertThat(reconciler.reconcile().ran()).isFalse();
      otherInstance
          .createQuery("SELECT pg_advisory_unlock(:key)")
          .bind("key", Reconciler.ADVISORY_LOCK_KEY)
          .mapTo(Boolean.class)
          .one();
    }
    assertThat(reconciler.reconcile().ran()).isTrue();
  }
}
