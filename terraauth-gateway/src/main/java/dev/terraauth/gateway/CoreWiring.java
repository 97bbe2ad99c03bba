package dev.terraauth.gateway;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.TerraStreamingClient;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.TerraAuthException;
import dev.terraauth.core.webhook.WebhookVerifier;
import dev.terraauth.gateway.service.CredentialAdmin;
import dev.terraauth.gateway.service.SigningSecretRotation;
import dev.terraauth.gateway.store.Database;
import dev.terraauth.gateway.terra.CoreTerraUpstream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the gateway's parts from core's client and verifier: the thin adapter layer. */
public final class CoreWiring {
  private CoreWiring() {}

  /**
   * Parts with fixed signing secrets (a restart picks up a rotation).
   *
   * @param verifier holds this environment's secrets (all generations) and, optionally, other
   *     environments' secrets so misrouted deliveries are recognised and reported
   */
  public static GatewayApp.Parts parts(
      Database database, TerraAuthClient client, WebhookVerifier verifier, Clock clock) {
    return parts(database, client, null, verifier, clock);
  }

  /** The same, with streaming tokens minted through {@code streaming} (null: none). */
  public static GatewayApp.Parts parts(
      Database database,
      TerraAuthClient client,
      TerraStreamingClient streaming,
      WebhookVerifier verifier,
      Clock clock) {
    CredentialAdmin fixed =
        new CredentialAdmin() {
          @Override
          public List<Map<String, Object>> health() {
            return List.of(CoreWiring.health(client, verifier.secrets()));
          }

          @Override
          public Optional<Map<String, Object>> reload() {
            return Optional.empty(); // fixed for the life of the process
          }
        };
    return new GatewayApp.Parts(
        database, new CoreTerraUpstream(client, streaming), verifier, fixed, clock);
  }

  /**
   * Parts whose signing secrets follow the credential files without a restart: webhooks verify
   * against {@code rotation}, {@code POST /admin/credentials/reload} reloads on demand and {@code
   * GET /admin/credentials} shows the accepted and retiring secrets and the last reload problem.
   */
  public static GatewayApp.Parts parts(
      Database database, TerraAuthClient client, SigningSecretRotation rotation, Clock clock) {
    return parts(database, client, null, rotation, clock);
  }

  /** The same, with streaming tokens minted through {@code streaming} (null: none). */
  public static GatewayApp.Parts parts(
      Database database,
      TerraAuthClient client,
      TerraStreamingClient streaming,
      SigningSecretRotation rotation,
      Clock clock) {
    CredentialAdmin rotating =
        new CredentialAdmin() {
          @Override
          public List<Map<String, Object>> health() {
            Map<String, Object> health = CoreWiring.health(client, rotation.get().secrets());
            health.putAll(rotation.health());
            return List.of(health);
          }

          @Override
          public Optional<Map<String, Object>> reload() {
            return Optional.of(rotation.reload());
          }
        };
    return new GatewayApp.Parts(
        database, new CoreTerraUpstream(client, streaming), rotation, rotating, clock);
  }

  /** Credential health of the environment: the secrets known (labels only) and a live check. */
  static Map<String, Object> health(TerraAuthClient client, List<SigningSecret> secrets) {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("environment", client.environment().id());
    health.put(
        "signing_secrets", secrets.stream().map(SigningSecret::label).collect(Collectors.toList()));
    // generations and fingerprints (never values); a rotating gateway overwrites this with its own
    health.put(
        "accepted",
        secrets.stream()
            .map(
                secret -> {
                  Map<String, Object> view = new LinkedHashMap<>();
                  view.put("environment", secret.environment().id());
                  view.put("generation", secret.generation());
                  view.put("fingerprint", secret.secret().fingerprint());
                  return view;
                })
            .collect(Collectors.toList()));
    try {
      client.subscriptions(0, 1);
      health.put("live_check", "ok");
    } catch (TerraAuthException e) {
      health.put("live_check", "failed: " + e.getMessage());
    }
    return health;
  }
}
