package dev.terraauth.gateway.relay;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A relay endpoint as stored. Nullable: description, secret (the {@code config} endpoint's comes
 * from the environment), previousSecret and previousSecretUntilMs (no rotation in progress),
 * failingSinceMs (last attempt succeeded), disabledReason.
 */
public record RelayEndpoint(
    String id,
    String source,
    URI url,
    String description,
    EventTypeFilter filter,
    boolean enabled,
    boolean ordered,
    RelaySecret secret,
    RelaySecret previousSecret,
    Long previousSecretUntilMs,
    Long failingSinceMs,
    String disabledReason,
    long createdAtMs,
    long updatedAtMs) {
  /** The id of the {@code --relay-url} endpoint. */
  public static final String CONFIGURED_ID = "config";

  public static final String SOURCE_ADMIN = "admin";
  public static final String SOURCE_CONFIG = "config";

  public RelayEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    filter = filter == null ? EventTypeFilter.ALL : filter;
  }

  public boolean configured() {
    return SOURCE_CONFIG.equals(source);
  }

  /** The secrets to sign with now: the current one, and the previous one during its grace. */
  public List<RelaySecret> signingSecrets(long nowMs, List<RelaySecret> configuredSecrets) {
    List<RelaySecret> secrets = new ArrayList<>(2);
    if (configured()) {
      secrets.addAll(configuredSecrets);
      return secrets;
    }
    if (secret != null) {
      secrets.add(secret);
    }
    if (previousSecret != null && previousSecretUntilMs != null && previousSecretUntilMs > nowMs) {
      secrets.add(previousSecret);
    }
    return secrets;
  }
}
