package dev.terraauth.gateway;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.gateway.auth.JwtSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway needs to know besides its collaborators. Built with {@link #builder}.
 *
 * @param environment the Terra environment this deployment serves
 * @param publicUrl where browsers reach the gateway (for the widget's redirect pages)
 * @param appReturnUrl where the redirect pages send the user afterwards
 * @param corsOrigins browser origins allowed to call the app API (exact match)
 * @param mobileTokensPerMinute per-user limit of mobile tokens
 * @param adminToken bearer token of the admin endpoints; null disables them
 * @param devLogin the development login and start page (only in {@code local})
 * @param reconcileInterval how often reconciliation runs; null or zero disables the schedule
 * @param intake group commit, slow-client bounds and retention of webhook deliveries
 * @param relay the event relay (push endpoints) and the pull feed
 */
public record GatewayConfig(
    Environment environment,
    URI publicUrl,
    URI appReturnUrl,
    JwtSettings jwt,
    List<String> corsOrigins,
    int mobileTokensPerMinute,
    Secret adminToken,
    boolean devLogin,
    Duration reconcileInterval,
    IntakeSettings intake,
    dev.terraauth.gateway.relay.RelaySettings relay) {
  public static final int DEFAULT_PORT = 8788;
  public static final int DEFAULT_MOBILE_TOKENS_PER_MINUTE = 5;

  public GatewayConfig {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(publicUrl, "publicUrl");
    appReturnUrl = appReturnUrl == null ? publicUrl.resolve("/") : appReturnUrl;
    corsOrigins = List.copyOf(corsOrigins);
    intake = intake == null ? IntakeSettings.defaults() : intake;
    relay = relay == null ? dev.terraauth.gateway.relay.RelaySettings.defaults() : relay;
    if (mobileTokensPerMinute < 1) {
      throw new IllegalArgumentException("mobileTokensPerMinute must be 1 or more");
    }
    if (devLogin && environment != Environment.LOCAL) {
      throw new IllegalArgumentException(
          "the development login can only be enabled in the local environment, not in "
              + environment);
    }
    if (jwt == null && !devLogin) {
      throw new IllegalArgumentException(
          "configure how app users are authenticated (an HS256 secret or a JWKS URL)");
    }
  }

  /** This configuration with another admin token ({@code local} makes one up when none is set). */
  public GatewayConfig withAdminToken(Secret token) {
    return new GatewayConfig(
        environment,
        publicUrl,
        appReturnUrl,
        jwt,
        corsOrigins,
        mobileTokensPerMinute,
        token,
        devLogin,
        reconcileInterval,
        intake,
        relay);
  }

  public static Builder builder(Environment environment, URI publicUrl) {
    return new Builder(environment, publicUrl);
  }

  /** Collects the optional settings. */
  public static final class Builder {
    private final Environment environment;
    private final URI publicUrl;
    private URI appReturnUrl;
    private JwtSettings jwt;
    private List<String> corsOrigins = List.of();
    private int mobileTokensPerMinute = DEFAULT_MOBILE_TOKENS_PER_MINUTE;
    private Secret adminToken;
    private boolean devLogin;
    private Duration reconcileInterval;
    private IntakeSettings intake = IntakeSettings.defaults();
    private dev.terraauth.gateway.relay.RelaySettings relay;

    private Builder(Environment environment, URI publicUrl) {
      this.environment = environment;
      this.publicUrl = publicUrl;
    }

    public Builder appReturnUrl(URI url) {
      this.appReturnUrl = url;
      return this;
    }

    public Builder jwt(JwtSettings settings) {
      this.jwt = settings;
      return this;
    }

    public Builder corsOrigins(List<String> origins) {
      this.corsOrigins = origins;
      return this;
    }

    public Builder mobileTokensPerMinute(int limit) {
      this.mobileTokensPerMinute = limit;
      return this;
    }

    public Builder adminToken(Secret token) {
      this.adminToken = token;
      return this;
    }

    public Builder devLogin(boolean enabled) {
      this.devLogin = enabled;
      return this;
    }

    public Builder reconcileInterval(Duration interval) {
      this.reconcileInterval = interval;
      return this;
    }

    public Builder intake(IntakeSettings settings) {
      this.intake = settings;
      return this;
    }

    public Builder relay(dev.terraauth.gateway.relay.RelaySettings settings) {
      this.relay = settings;
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(
          environment,
          publicUrl,
          appReturnUrl,
          jwt,
          corsOrigins,
          mobileTokensPerMinute,
          adminToken,
          devLogin,
          reconcileInterval,
          intake,
          relay);
    }
  }
}
