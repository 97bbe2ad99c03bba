package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.client.AuthLink;
import dev.terraauth.core.client.AuthenticateUserRequest;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.junit.TerraEmulatorExtension;
import dev.terraauth.testing.ReadmeSnippets;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "Use as a library" block: core's client against the emulator as a JUnit 5 extension,
 * as a user's own test would have it (this module's tests have both on the classpath).
 */
class EmulatorExtensionReadmeTest {
  @Test
  void theReadmeShowsWhatThisTestRuns() {
    ReadmeSnippets.assertReadmeShows(
        "java", "TerraEmulatorExtension.create()", EmulatorExtensionReadmeTest.class, "library");
  }

  // README: library
  @RegisterExtension static TerraEmulatorExtension terra = TerraEmulatorExtension.create();

  @Test
  void sendsTheUserToTheEmulatorsWidget() {
    var credentials =
        new TerraCredentials(
            Environment.LOCAL,
            EmulatorAccount.LOCAL_DEV_ID,
            Secret.of(EmulatorAccount.LOCAL_API_KEY),
            List.of(),
            terra.apiBaseUrl(),
            terra.widgetSessionUrl());
    var client = TerraAuthClient.builder().credentials(credentials).build();
    AuthLink link = client.authenticateUser(AuthenticateUserRequest.of("GARMIN", "user-1"));
    terra.deliverWebhooksTo(
        EmulatorAccount.LOCAL_DEV_ID, URI.create("http://127.0.0.1:8080/terra/webhooks"));
    terra.admin().deliveries();
    URI emulator = terra.emulator().baseUrl(); // test only
    assertThat(link.authUrl().toString()).startsWith(emulator.toString()); // test only
    assertThat(terra.apiBaseUrl().getPort()).isPositive(); // test only
  }
  // README end
}
