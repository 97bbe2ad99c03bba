package dev.terraauth.emulator;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One emulated Terra environment of one developer account: what Terra keys by dev-id. Immutable;
 * {@code toString()} never shows the API key or signing secrets.
 *
 * @param devId the dev-id clients send
 * @param environment testing, staging or production (decides the default user cap)
 * @param apiKey the expected {@code x-api-key}
 * @param signingSecrets webhook signing secrets; every delivery carries one {@code v1} per secret
 *     (several while a secret is being rotated)
 * @param webhookUrl where webhooks go; null sends none (they are still recorded)
 * @param providers enabled providers, e.g. {@code GARMIN}, {@code APPLE}; upper case
 * @param userCap how many connected users the environment may hold
 * @param legacyWidgetGone true makes {@code POST /auth/generateWidgetSession} answer 410, as for
 *     accounts created after 2026-09-03
 */
public record EmulatorAccount(
    String devId,
    AccountEnvironment environment,
    String apiKey,
    List<String> signingSecrets,
    URI webhookUrl,
    List<String> providers,
    int userCap,
    boolean legacyWidgetGone) {

  /** The built-in account's dev-id (public, not secret). */
  public static final String LOCAL_DEV_ID = "terra-auth-local-dev";

  /** The built-in account's API key (public, not secret: local use only). */
  public static final String LOCAL_API_KEY = "local-api-key-not-secret-0000";

  /** The built-in account's webhook signing secret (public, not secret: local use only). */
  public static final String LOCAL_SIGNING_SECRET = "local-signing-secret-not-secret-0000";

  /** Providers enabled when an account lists none. */
  public static final List<String> DEFAULT_PROVIDERS =
      List.of("GARMIN", "FITBIT", "OURA", "WITHINGS", "POLAR", "GOOGLE", "APPLE");

  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param devId the dev-id clients send
   * @param environment testing, staging or production (decides the default user cap)
   * @param apiKey the expected {@code x-api-key}
   * @param signingSecrets webhook signing secrets; every delivery carries one {@code v1} per secret
   *     (several while a secret is being rotated)
   * @param webhookUrl where webhooks go; null sends none (they are still recorded)
   * @param providers enabled providers, e.g. {@code GARMIN}, {@code APPLE}; upper case
   * @param userCap how many connected users the environment may hold
   * @param legacyWidgetGone true makes {@code POST /auth/generateWidgetSession} answer 410, as for
   *     accounts created after 2026-09-03
   */
  public EmulatorAccount {
    requireText(devId, "devId");
    Objects.requireNonNull(environment, "environment");
    requireText(apiKey, "apiKey");
    signingSecrets = List.copyOf(signingSecrets);
    if (signingSecrets.isEmpty()) {
      throw new IllegalArgumentException("account " + devId + " needs a signing secret");
    }
    signingSecrets.forEach(secret -> requireText(secret, "signing secret"));
    providers =
        providers.stream().map(provider -> provider.strip().toUpperCase(Locale.ROOT)).toList();
    if (userCap < 0) {
      throw new IllegalArgumentException("userCap must not be negative");
    }
  }

  /**
   * {@return the built-in {@code local} account (a testing environment with every default
   * provider)}
   */
  public static EmulatorAccount local() {
    return builder(LOCAL_DEV_ID)
        .apiKey(LOCAL_API_KEY)
        .signingSecrets(List.of(LOCAL_SIGNING_SECRET))
        .build();
  }

  /**
   * A builder with a testing environment, the default providers and the environment's cap.
   *
   * @param devId a builder with a testing environment, the default providers and the environment's
   *     cap
   * @return this builder
   */
  public static Builder builder(String devId) {
    return new Builder(devId);
  }

  /**
   * A builder holding this account's values, to change some.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(devId);
    builder.environment = environment;
    builder.apiKey = apiKey;
    builder.signingSecrets = signingSecrets;
    builder.webhookUrl = webhookUrl;
    builder.providers = providers;
    builder.userCap = userCap;
    builder.legacyWidgetGone = legacyWidgetGone;
    return builder;
  }

  /**
   * {@return a copy whose webhooks go to {@code url}}
   *
   * @param url the receiver, or null for none
   */
  public EmulatorAccount withWebhookUrl(URI url) {
    return toBuilder().webhookUrl(url).build();
  }

  /**
   * {@return true when {@code provider} is enabled (case-insensitive)}
   *
   * @param provider a provider, e.g. {@code GARMIN}
   */
  public boolean enables(String provider) {
    return provider != null && providers.contains(provider.strip().toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "EmulatorAccount[devId="
        + devId
        + ", environment="
        + environment.id()
        + ", apiKey=redacted, signingSecrets="
        + signingSecrets.size()
        + " redacted, webhookUrl="
        + webhookUrl
        + ", providers="
        + providers
        + ", userCap="
        + (userCap == Integer.MAX_VALUE ? "unlimited" : userCap)
        + ", legacyWidgetGone="
        + legacyWidgetGone
        + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** Builds an {@link EmulatorAccount}; not thread-safe. */
  public static final class Builder {
    private final String devId;
    private AccountEnvironment environment = AccountEnvironment.TESTING;
    private String apiKey;
    private List<String> signingSecrets = List.of();
    private URI webhookUrl;
    private List<String> providers = DEFAULT_PROVIDERS;
    private Integer userCap;
    private boolean legacyWidgetGone;

    private Builder(String devId) {
      this.devId = devId;
    }

    /**
     * The account's environment (default testing).
     *
     * @param value the environment
     * @return this builder
     */
    public Builder environment(AccountEnvironment value) {
      this.environment = value;
      return this;
    }

    /**
     * The API key the account accepts.
     *
     * @param value the key
     * @return this builder
     */
    public Builder apiKey(String value) {
      this.apiKey = value;
      return this;
    }

    /**
     * The signing secrets; webhooks carry one {@code v1} per secret.
     *
     * @param value the secrets, at least one
     * @return this builder
     */
    public Builder signingSecrets(List<String> value) {
      this.signingSecrets = value;
      return this;
    }

    /**
     * Where the account's webhooks go (default: nowhere).
     *
     * @param value the receiver, or null
     * @return this builder
     */
    public Builder webhookUrl(URI value) {
      this.webhookUrl = value;
      return this;
    }

    /**
     * The providers enabled for the account.
     *
     * @param value provider names, e.g. {@code GARMIN}
     * @return this builder
     */
    public Builder providers(List<String> value) {
      this.providers = value;
      return this;
    }

    /**
     * The cap; null (the default) takes the environment's: 50, or unlimited in production.
     *
     * @param value the cap; null (the default) takes the environment's: 50, or unlimited in
     *     production
     * @return this builder
     */
    public Builder userCap(Integer value) {
      this.userCap = value;
      return this;
    }

    /**
     * Whether the legacy widget endpoint answers 410 Gone for this account.
     *
     * @param value true to refuse it
     * @return this builder
     */
    public Builder legacyWidgetGone(boolean value) {
      this.legacyWidgetGone = value;
      return this;
    }

    /**
     * Builds the account.
     *
     * @return the account
     */
    public EmulatorAccount build() {
      return new EmulatorAccount(
          devId,
          environment,
          apiKey,
          signingSecrets,
          webhookUrl,
          providers,
          userCap == null ? environment.defaultUserCap() : userCap,
          legacyWidgetGone);
    }
  }
}
