package dev.terraauth.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.InvalidCredentialsException;
import dev.terraauth.core.error.TerraNotFoundException;
import dev.terraauth.core.user.TerraUser;
import dev.terraauth.emulator.AccountEnvironment;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.Profile;
import dev.terraauth.emulator.TerraEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the embedded emulator (port 0, built-in local account): every operation end to
 * end, with no special cases in the client. Also the legacy profile's error bodies and an account
 * whose legacy widget endpoint answers 410.
 */
class TerraAuthClientEmulatorIT {
  private static final String GONE_DEV_ID = "acme-testing-0000";
  private static final String GONE_API_KEY = "fake-api-key-testing-0000-gone";
  private static TerraEmulator current;
  private static TerraEmulator legacy;

  @BeforeAll
  static void start() {
    current =
        TerraEmulator.builder()
            .port(0)
            .account(
                EmulatorAccount.builder(GONE_DEV_ID)
                    .environment(AccountEnvironment.TESTING)
                    .apiKey(GONE_API_KEY)
                    .signingSecrets(List.of("fake-signing-secret-testing-0000"))
                    .legacyWidgetGone(true)
                    .build())
            .start();
    legacy = TerraEmulator.builder().port(0).profile(Profile.LEGACY).start();
  }

  @AfterAll
  static void stop() {
    if (current != null) {
      current.close();
    }
    if (legacy != null) {
      legacy.close();
    }
  }

  private static TerraCredentials local(TerraEmulator emulator, URI apiBase) {
    return new TerraCredentials(
        Environment.LOCAL,
        EmulatorAccount.LOCAL_DEV_ID,
        Secret.of(EmulatorAccount.LOCAL_API_KEY),
        List.of(),
        apiBase,
        emulator.widgetSessionUrl());
  }

  private static TerraAuthClient client(TerraCredentials credentials) {
    return TerraAuthClient.builder().credentials(credentials).build();
  }

  @Test
  void integrationsArePublic() {
    TerraAuthClient client = client(local(current, current.apiBaseUrl()));

    assertThat(client.integrations().providers()).isNotEmpty();
    assertThat(client.detailedIntegrations(true)).isNotEmpty();
  }

  @Test
  void widgetSessionsOnBothEndpoints() {
    Instant before = Instant.now();
    WidgetSessionRequest request =
        WidgetSessionRequest.builder("it-user-1")
            .providers("GARMIN", "FITBIT")
            .language("en")
            .successRedirect(URI.create("https://app.example/ok"))
            .build();

    WidgetSession legacyEndpoint =
        client(local(current, current.apiBaseUrl())).widgetSession(request);
    WidgetSession newEndpoint =
        TerraAuthClient.builder()
            .credentials(local(current, current.apiBaseUrl()))
            .widgetEndpoint(WidgetEndpoint.NEW)
            .build()
            .widgetSession(request);

    for (WidgetSession session : List.of(legacyEndpoint, newEndpoint)) {
      assertThat(session.sessionId()).isNotBlank();
      assertThat(session.url().toString()).contains(session.sessionId());
      assertThat(session.expiresAt())
          .isBetween(before.plusSeconds(899), Instant.now().plusSeconds(901));
    }
  }

  @Test
  void legacyWidgetGoneFallsBackToTheNewEndpoint() {
    TerraCredentials credentials =
        new TerraCredentials(
            Environment.TESTING,
            GONE_DEV_ID,
            Secret.of(GONE_API_KEY),
            List.of(),
            current.apiBaseUrl(),
            current.widgetSessionUrl());

    WidgetSession session =
        client(credentials).widgetSession(WidgetSessionRequest.builder("it-user-2").build());

    assertThat(session.sessionId()).isNotBlank();
  }

  @Test
  void userLifecycleFromAuthLinkToDeauth() throws Exception {
    TerraAuthClient client = client(local(current, current.apiBaseUrl()));
    AuthLink link =
        client.authenticateUser(
            new AuthenticateUserRequest(
                "FITBIT", "it-user-3", "en", URI.create("https://app.example/ok"), null));
    approveConsent(link.authUrl());

    UserInfo info = client.userInfo(link.userId());
    assertThat(info.user().provider()).isEqualTo("FITBIT");
    assertThat(info.user().referenceId()).isEqualTo("it-user-3");
    assertThat(info.authenticated()).isTrue();
    assertThat(client.usersByReferenceId("it-user-3"))
        .extracting(TerraUser::userId)
        .contains(link.userId());
    assertThat(client.bulkUserInfo(List.of(link.userId())))
        .extracting(TerraUser::userId)
        .containsExactly(link.userId());
    assertThat(client.subscriptions()).extracting(TerraUser::userId).contains(link.userId());
    UserPage page = client.subscriptions(0, 500);
    assertThat(page.users()).extracting(TerraUser::userId).contains(link.userId());

    client.deauthenticateUser(link.userId());

    assertThatThrownBy(() -> client.userInfo(link.userId()))
        .isInstanceOf(TerraNotFoundException.class)
        .hasMessageContaining("GET /userInfo (local) returned 404");
  }

  @Test
  void mobileTokens() {
    MobileToken token = client(local(current, current.apiBaseUrl())).generateAuthToken();

    assertThat(token.token().reveal()).matches("[0-9a-f]{64}");
    assertThat(token.expiresAt()).isAfter(Instant.now().plus(Duration.ofSeconds(170)));
  }

  @Test
  void wrongKeyIsInvalidCredentialsOnBothProfiles() {
    for (TerraEmulator emulator : List.of(current, legacy)) {
      TerraCredentials wrong =
          new TerraCredentials(
              Environment.LOCAL,
              EmulatorAccount.LOCAL_DEV_ID,
              Secret.of("wrong-key-0000"),
              List.of(),
              emulator.apiBaseUrl(),
              emulator.widgetSessionUrl());

      assertThatThrownBy(() -> client(wrong).subscriptions())
          .isInstanceOf(InvalidCredentialsException.class)
          .hasMessageContaining("check `terra-auth env check --live --env local`")
          .hasMessageNotContaining("wrong-key-0000");
    }
  }

  @Test
  void legacyProfileErrorsAreTyped() {
    TerraAuthClient client = client(local(legacy, legacy.legacyApiBaseUrl()));

    assertThatThrownBy(() -> client.userInfo("no-such-user"))
        .isInstanceOf(TerraNotFoundException.class)
        .hasMessageStartingWith("GET /userInfo (local) returned 404: ");
  }

  /** Plays the user: opens the consent page and approves, as a browser would. */
  private static void approveConsent(URI authUrl) throws Exception {
    HttpClient browser = HttpClient.newHttpClient();
    HttpResponse<String> page =
        browser.send(HttpRequest.newBuilder(authUrl).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> approved =
        browser.send(
            HttpRequest.newBuilder(URI.create(authUrl + "/approve"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("account=it-demo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).isIn(200, 302);
  }
}
