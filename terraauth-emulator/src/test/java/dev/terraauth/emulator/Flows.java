package dev.terraauth.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.testing.Browser;
import java.util.Map;

/** Shortcuts through the hosted pages for tests that need users. */
final class Flows {
  private Flows() {}

  /**
   * Connects a user through {@code authenticateUser} and the consent page; returns the page the
   * approval ended on (a redirect when a success URL was given).
   */
  static Browser.Page connect(
      Api api, Browser browser, String provider, String referenceId, String account, String extra)
      throws Exception {
    String body =
        "{"
            + (referenceId == null ? "" : "\"reference_id\":\"" + referenceId + "\",")
            + "\"auth_success_redirect_url\":\"https://app.example/ok\","
            + "\"auth_failure_redirect_url\":\"https://app.example/failed\""
            + (extra == null ? "" : "," + extra)
            + "}";
    Api.Response response = api.post("/auth/authenticateUser?resource=" + provider, body);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Browser.Page consent = browser.get(response.json().get("auth_url").asText());
    assertThat(consent.status()).isEqualTo(200);
    return browser.post(consent.formAction("/approve"), Map.of("account", account));
  }

  /** Connects a user and returns its user id. */
  static String connectUser(Api api, Browser browser, String provider, String referenceId)
      throws Exception {
    Browser.Page done = connect(api, browser, provider, referenceId, "demo-user", null);
    assertThat(done.status()).isEqualTo(302);
    return Browser.query(done.location()).get("user_id");
  }
}
