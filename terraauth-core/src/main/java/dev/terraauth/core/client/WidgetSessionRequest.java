package dev.terraauth.core.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of a widget session (the spec's {@code WidgetSessionParams}). Immutable; build with
 * {@link #builder(String)}.
 *
 * @param referenceId your end-user id (required: without it webhooks cannot be matched to a user)
 * @param providers providers to offer; empty means the ones enabled in the dashboard
 * @param language widget display language (e.g. {@code en}), nullable
 * @param successRedirect where the user lands after success, nullable (then Terra's own page)
 * @param failureRedirect where the user lands after failure, nullable
 */
public record WidgetSessionRequest(
    String referenceId,
    List<String> providers,
    String language,
    URI successRedirect,
    URI failureRedirect) {
  /**
   * Checks the components and copies the collections (unmodifiable).
   *
   * @param referenceId your end-user id (required: without it webhooks cannot be matched to a user)
   * @param providers providers to offer; empty means the ones enabled in the dashboard
   * @param language widget display language (e.g. {@code en}), nullable
   * @param successRedirect where the user lands after success, nullable (then Terra's own page)
   * @param failureRedirect where the user lands after failure, nullable
   */
  public WidgetSessionRequest {
    if (referenceId == null || referenceId.isBlank()) {
      throw new IllegalArgumentException("referenceId must not be blank");
    }
    providers = List.copyOf(providers);
    for (String provider : providers) {
      if (provider.isBlank() || provider.contains(",")) {
        throw new IllegalArgumentException("invalid provider name '" + provider + "'");
      }
    }
  }

  /**
   * A builder for the given end-user id.
   *
   * @param referenceId your id of the end user
   * @return this builder
   */
  public static Builder builder(String referenceId) {
    return new Builder(referenceId);
  }

  /** Collects the optional parameters. Not thread-safe. */
  public static final class Builder {
    private final String referenceId;
    private List<String> providers = List.of();
    private String language;
    private URI successRedirect;
    private URI failureRedirect;

    private Builder(String referenceId) {
      this.referenceId = referenceId;
    }

    /**
     * The providers offered in the widget; empty (the default) means every enabled one.
     *
     * @param providers provider names, e.g. {@code GARMIN}
     * @return this builder
     */
    public Builder providers(List<String> providers) {
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /**
     * The providers offered in the widget; none means every enabled one.
     *
     * @param providers provider names, e.g. {@code GARMIN}
     * @return this builder
     */
    public Builder providers(String... providers) {
      return providers(List.of(providers));
    }

    /**
     * The widget's language, e.g. {@code en}; null for Terra's default.
     *
     * @param language a language code
     * @return this builder
     */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * Where the browser goes after a successful connection.
     *
     * @param successRedirect the URL (or an app deep link), or null
     * @return this builder
     */
    public Builder successRedirect(URI successRedirect) {
      this.successRedirect = successRedirect;
      return this;
    }

    /**
     * Where the browser goes after a failed or cancelled connection.
     *
     * @param failureRedirect the URL (or an app deep link), or null
     * @return this builder
     */
    public Builder failureRedirect(URI failureRedirect) {
      this.failureRedirect = failureRedirect;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public WidgetSessionRequest build() {
      return new WidgetSessionRequest(
          referenceId, providers, language, successRedirect, failureRedirect);
    }
  }
}
