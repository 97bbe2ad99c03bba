package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.error.TerraServerErrorException;
import dev.terraauth.core.error.TerraTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code terra.client.*} properties reach the client: a real HTTP server on port 0 stands in
 * for Terra and counts what it receives.
 */
class TerraClientPropertiesTest {
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean slow;
  private HttpServer terra;

  @BeforeEach
  void start() throws IOException {
    terra = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    terra.setExecutor(Executors.newCachedThreadPool());
    terra.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          if (slow) {
            try {
              // a client still waiting after 3 s gets a good answer: only a timeout fails the call
              release.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] answer =
              (slow
                      ? "{\"providers\":[],\"sdk_providers\":[]}"
                      : "{\"status\":\"error\",\"message\":\"down\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(slow ? 200 : 503, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    terra.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    terra.stop(0);
  }

  private ApplicationContextRunner runner(String... properties) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TerraAutoConfiguration.class))
        .withPropertyValues(
            "terra.environment=local",
            "terra.webhook.enabled=false",
            "terra.api-url=http://127.0.0.1:" + terra.getAddress().getPort() + "/api/v2",
            "terra.client.initial-backoff=1ms",
            "terra.client.max-backoff=2ms")
        .withPropertyValues(properties);
  }

  @Test
  void maxAttemptsIsHowOftenTheClientTries() {
    runner("terra.client.max-attempts=4")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(TerraAuthClient.class).integrations())
                    .isInstanceOf(TerraServerErrorException.class));
    assertThat(requests).hasValue(4);

    requests.set(0);
    runner("terra.client.max-attempts=1")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(TerraAuthClient.class).integrations())
                    .isInstanceOf(TerraServerErrorException.class));
    assertThat(requests).hasValue(1);
  }

  @Test
  void theRequestTimeoutEndsAnAttemptTerraDoesNotAnswer() {
    slow = true;
    // The server answers after 3 s, well within the default 10 s: only 300 ms makes this fail.
    runner("terra.client.max-attempts=1", "terra.client.request-timeout=300ms")
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(TerraAuthClient.class).integrations())
                    .isInstanceOf(TerraTimeoutException.class));
    assertThat(requests).hasValue(1);
  }
}
