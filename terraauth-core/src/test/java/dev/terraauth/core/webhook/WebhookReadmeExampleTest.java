package dev.terraauth.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.WebhookVerificationException;
import dev.terraauth.core.event.AccessRevokedEvent;
import dev.terraauth.core.event.AuthFailureEvent;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.event.ConnectionErrorEvent;
import dev.terraauth.core.event.DeauthEvent;
import dev.terraauth.core.event.PassThroughEvent;
import dev.terraauth.core.event.PermissionChangeEvent;
import dev.terraauth.core.event.UserReauthEvent;
import dev.terraauth.core.event.WebhookEvent;
import dev.terraauth.testing.ReadmeSnippets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The README's webhook snippet, kept compiling and working here. */
class WebhookReadmeExampleTest {
  static final long NOW = 1_785_000_000L;

  /** README snippet starts. Returns the HTTP status to answer with. */
  static int receive(WebhookVerifier verifier, byte[] rawBody, Function<String, String> header) {
    VerifiedWebhook webhook;
    try {
      webhook = verifier.verify(rawBody, header); // X-Terra-Signature, then terra-signature
    } catch (WebhookVerificationException e) {
      return switch (e.reason()) {
        case NO_SECRETS_CONFIGURED -> 500; // our configuration, not Terra's fault
        default -> 401; // bad signature, stale, malformed header, ...
      };
    }
    if (webhook.matchedSecret().environment() != Environment.PRODUCTION) {
      return 202; // signed for another environment: accept, but do not touch production data
    }
    // Store the delivery idempotently on webhook.delivery().traceId() before acting on it.
    WebhookEvent event = webhook.event(); // typed; MALFORMED_PAYLOAD if the body is not an event
    return describe(event).isEmpty() ? 500 : 204;
  }

  static String describe(WebhookEvent event) {
    if (event instanceof AuthSuccessEvent auth) {
      return "connected " + auth.user().userId() + " for " + auth.user().referenceId();
    } else if (event instanceof AuthFailureEvent failed) {
      return "auth failed: " + failed.reason();
    } else if (event instanceof UserReauthEvent reauth) {
      return "re-key " + (reauth.oldUser() == null ? "by reference" : reauth.oldUser().userId());
    } else if (event instanceof DeauthEvent
        || event instanceof AccessRevokedEvent
        || event instanceof ConnectionErrorEvent) {
      return "disconnected";
    } else if (event instanceof PermissionChangeEvent change) {
      return "scopes +" + change.scopesAdded() + " -" + change.scopesRemoved();
    } else if (event instanceof PassThroughEvent other) {
      return "ignored " + other.type();
    }
    return "";
  }

  // README snippet ends.

  /** The request as a web framework shows it: headers by name, case-insensitive. */
  record Request(Map<String, String> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }
  }

  @Test
  void readmeShowsWhatThisTestRuns() {
    ReadmeSnippets.assertReadmeShows(
        "java", "WebhookVerifier verifier", WebhookReadmeExampleTest.class, "verify");
  }

  @Test
  void readmeVerificationSnippetVerifiesARealDelivery() {
    SigningSecret secret =
        new SigningSecret(Environment.PRODUCTION, 2, Secret.of("fake-signing-secret-prod-0002"));
    TerraCredentials credentials =
        new TerraCredentials(
            Environment.PRODUCTION,
            "acme-prod-0000",
            Secret.of("fake-api-key-prod-0000"),
            List.of(secret),
            java.net.URI.create("https://api.tryterra.co/v2"),
            java.net.URI.create("https://api.tryterra.co/v2/auth/generateWidgetSession"));
    byte[] rawBodyBytes =
        ("{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\"u-1\","
                + "\"provider\":\"GARMIN\",\"reference_id\":\"app-user-42\"}}")
            .getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    Request ctx =
        new Request(
            Map.of(
                "x-terra-signature",
                WebhookSigner.of(secret.secret()).header(now, rawBodyBytes),
                "X-Terra-Trace-Id",
                "trace-readme-1"));
    // README: verify
    WebhookVerifier verifier =
        WebhookVerifier.builder().secrets(credentials.signingSecrets()).build();
    VerifiedWebhook webhook = verifier.verify(rawBodyBytes, ctx::header);
    webhook.matchedSecret();
    webhook.delivery().traceId();
    WebhookEvent event = webhook.event();
    // README end
    assertThat(webhook.matchedSecret().label()).startsWith("production#2");
    assertThat(webhook.delivery().traceId()).isEqualTo("trace-readme-1");
    assertThat(event).isInstanceOf(AuthSuccessEvent.class);
  }

  @Test
  void snippetAcceptsAVerifiedProductionDeliveryAndRejectsOthers() {
    SigningSecret production =
        new SigningSecret(Environment.PRODUCTION, 2, Secret.of("fake-signing-secret-prod-0002"));
    SigningSecret testing =
        new SigningSecret(Environment.TESTING, 1, Secret.of("fake-signing-secret-testing-0000"));
    WebhookVerifier verifier =
        WebhookVerifier.builder()
            .secrets(List.of(production, testing))
            .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
            .build();
    byte[] body =
        ("{\"type\":\"auth\",\"status\":\"success\",\"user\":{\"user_id\":\"u-1\","
                + "\"provider\":\"GARMIN\",\"reference_id\":\"app-user-42\"}}")
            .getBytes(StandardCharsets.UTF_8);
    String productionHeader = WebhookSigner.of(production.secret()).header(NOW, body);
    String testingHeader = WebhookSigner.of(testing.secret()).header(NOW, body);

    assertThat(receive(verifier, body, Map.of("x-terra-signature", productionHeader)::get))
        .isEqualTo(204);
    assertThat(receive(verifier, body, Map.of("terra-signature", testingHeader)::get))
        .isEqualTo(202);
    assertThat(receive(verifier, body, Map.<String, String>of()::get)).isEqualTo(401);
    assertThat(
            receive(
                WebhookVerifier.of(List.of()),
                body,
                Map.of("X-Terra-Signature", productionHeader)::get))
        .isEqualTo(500);
    assertThat(describe(verifier.verify(body, productionHeader).event()))
        .isEqualTo("connected u-1 for app-user-42");
  }
}
