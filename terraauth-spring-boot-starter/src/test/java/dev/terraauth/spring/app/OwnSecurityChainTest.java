package dev.terraauth.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.config.Secret;
import dev.terraauth.core.webhook.WebhookSigner;
import dev.terraauth.emulator.EmulatorAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application with its own Spring Security chain that demands a login everywhere (the support
 * case: "our auth middleware blocks Terra's POST"): the webhook still gets through, at a custom
 * path, and everything else still demands the login.
 */
@SpringBootTest(
    classes = OwnSecurityChainTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "terra.environment=local",
      "terra.webhook.path=/hooks/terra",
      // a fixed, obviously fake login: else Spring generates one and prints it
      "spring.security.user.password=acme-testing-0000-password"
    })
class OwnSecurityChainTest {
  @LocalServerPort int port;
  @Autowired WebhookTestApplication.Recorder recorder;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theWebhookPassesTheAppsOwnChainAndNothingElseDoes() throws Exception {
    byte[] body = "{\"type\":\"sleep\"}".getBytes(StandardCharsets.UTF_8);
    String traceId = UUID.randomUUID().toString();
    String signature =
        WebhookSigner.of(Secret.of(EmulatorAccount.LOCAL_SIGNING_SECRET))
            .header(Instant.now().getEpochSecond(), body);

    HttpResponse<String> webhook = post("/hooks/terra", body, signature, traceId);
    HttpResponse<String> defaultPath = post("/terra/webhooks", body, signature, traceId);
    HttpResponse<String> unsigned = post("/hooks/terra", body, "t=1,v1=" + "0".repeat(64), "x");

    assertThat(webhook.statusCode()).isEqualTo(200);
    assertThat(recorder.typed).contains("sleep");
    assertThat(defaultPath.statusCode()).isEqualTo(401);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).contains("bad_signature");
  }

  private HttpResponse<String> post(String path, byte[] body, String signature, String traceId)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("X-Terra-Signature", signature)
            .header("X-Terra-Trace-Id", traceId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every request must log in: the kind of chain that blocks Terra without the starter's rule. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(WebhookTestApplication.Recorder.class)
  static class App {
    @Bean
    SecurityFilterChain everythingNeedsALogin(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .httpBasic(Customizer.withDefaults())
          .build();
    }
  }
}
