package dev.terraauth.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.GatewayApp;
import dev.terraauth.gateway.GatewayConfig;
import dev.terraauth.gateway.auth.JwtSettings;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.terra.TerraUpstream;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import dev.terraauth.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /admin/reconcile} over HTTP against a Terra whose second page of {@code
 * /subscriptions} is held back: the POST answers 202 at once, the job shows its progress while it
 * runs, a second POST joins it, and the result comes once Terra answers.
 */
class ReconcileJobHttpTest {
  private static final ObjectMapper JSON = TerraJson.newMapper();
  static final Secret ADMIN = Secret.of("fake-admin-token-0000");

  /** Lists 500 users on page 0 and 1 more on page 1, which waits for {@link #release}. */
  static final class HeldBackTerra implements TerraUpstream {
    final FakeTerra inner = new FakeTerra(Clock.systemUTC());
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public WidgetSession createWidgetSession(WidgetSessionRequest request) {
      return inner.createWidgetSession(request);
    }

    @Override
    public MobileToken createMobileToken() {
      return inner.createMobileToken();
    }

    @Override
    public StreamingToken createStreamingToken(String terraUserId) {
      return inner.createStreamingToken(terraUserId);
    }

    @Override
    public void deauthenticate(String terraUserId) {
      inner.deauthenticate(terraUserId);
    }

    @Override
    public List<RemoteUser> subscriptions() {
      throw new AssertionError("reconciliation must page");
    }

    @Override
    public SubscriptionPage subscriptions(int page, int perPage) {
      if (page == 0) {
        List<RemoteUser> users = new ArrayList<>();
        for (int i = 0; i < perPage; i++) {
          users.add(new RemoteUser("remote-" + i, "GARMIN", "ref-" + i, "A", true));
        }
        return new SubscriptionPage(users, 1);
      }
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released page " + page);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new SubscriptionPage(
          List.of(new RemoteUser("remote-last", "OURA", "ref-last", "A", true)), null);
    }

    @Override
    public Optional<RemoteUser> userInfo(String terraUserId) {
      return Optional.empty();
    }
  }

  @TempDir static Path directory;
  static TestDatabase database;
  static final HeldBackTerra TERRA = new HeldBackTerra();
  static GatewayApp gateway;
  static String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    database = TestDatabase.sqlite(directory);
    GatewayConfig config =
        GatewayConfig.builder(Environment.TESTING, URI.create("http://127.0.0.1:1"))
            .jwt(
                JwtSettings.hs256(
                    Secret.of("fake-hs256-secret-for-tests-0000-0000-0000"),
                    "https://app.example",
                    "gateway"))
            .adminToken(ADMIN)
            .reconcileInterval(Duration.ZERO)
            .build();
    gateway =
        GatewayApp.create(
                config,
                new GatewayApp.Parts(
                    database.database(),
                    TERRA,
                    WebhookVerifier.of(
                        List.of(
                            new SigningSecret(
                                Environment.TESTING,
                                1,
                                Secret.of("fake-signing-secret-testing-0000")))),
                    CredentialAdmin.none(),
                    Clock.systemUTC()))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterAll
  static void stop() {
    TERRA.release.countDown();
    gateway.stop();
    database.close();
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + ADMIN.reveal())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aReconciliationAnswers202AtOnceShowsItsProgressAndThenItsResult() throws Exception {
    HttpResponse<String> started = call("POST", "/admin/reconcile");
    // Terra's second page is held back, so the job cannot have finished: the answer did not wait
    assertThat(started.statusCode()).isEqualTo(202);
    JsonNode job = JSON.readTree(started.body());
    assertThat(job.get("status").asText()).isEqualTo("running");
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/admin/reconcile/" + job.get("id").asText());

    JsonNode running =
        Await.result(
            "the first page to be counted",
            Duration.ofSeconds(30),
            () -> {
              JsonNode view = JSON.readTree(call("GET", location).body());
              return view.get("terra_users_listed").asInt() == 500
                  ? Optional.of(view)
                  : Optional.empty();
            });
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("finished_at").isNull()).isTrue();
    // asking again while it runs joins the running job rather than starting a second one
    HttpResponse<String> again = call("POST", "/admin/reconcile");
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.headers().firstValue("Location")).contains(location);

    TERRA.release.countDown();
    JsonNode done =
        Await.result(
            "the job to finish",
            Duration.ofSeconds(30),
            () -> {
              JsonNode view = JSON.readTree(call("GET", location).body());
              return view.get("status").asText().equals("running")
                  ? Optional.empty()
                  : Optional.of(view);
            });
    assertThat(done.get("status").asText()).isEqualTo("done");
    assertThat(done.get("terra_users_listed").asInt()).isEqualTo(501);
    // every user only Terra knows is added: nothing capped
    assertThat(done.get("change_count").asInt()).isEqualTo(501);
    assertThat(done.get("finished_at").asText()).isNotBlank();
  }

  @Test
  void anUnknownJobIs404AndTheJobsNeedTheAdminToken() throws Exception {
    HttpResponse<String> unknown = call("GET", "/admin/reconcile/no-such-job");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/reconcile"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
