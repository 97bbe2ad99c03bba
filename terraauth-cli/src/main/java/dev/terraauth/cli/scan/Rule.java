package dev.terraauth.cli.scan;

/** What kind of Terra credential a finding is. */
public enum Rule {
  API_KEY("terra-api-key", "Terra API key"),
  WEBHOOK_SECRET("terra-webhook-secret", "Terra webhook signing secret");

  private final String id;
  private final String title;

  Rule(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** Stable id used in output, SARIF and the baseline ({@code terra-api-key}). */
  public String id() {
    return id;
  }

  /** Human-readable name. */
  public String title() {
    return title;
  }
}
