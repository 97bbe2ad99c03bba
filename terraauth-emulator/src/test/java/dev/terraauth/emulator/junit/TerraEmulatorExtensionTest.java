package dev.terraauth.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.emulator.AccountEnvironment;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as users register it: once per class (static) and once per test (instance). */
class TerraEmulatorExtensionTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static int integrationsStatus(URI apiBase) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(apiBase + "/integrations"))
                .header("dev-id", EmulatorAccount.LOCAL_DEV_ID)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Nested
  class PerClass {
    @RegisterExtension
    static TerraEmulatorExtension terra =
        TerraEmulatorExtension.configure(
            builder ->
                builder.account(
                    EmulatorAccount.builder("acme-testing-0000")
                        .environment(AccountEnvironment.TESTING)
                        .apiKey("fake-api-key-testing-0000")
                        .signingSecrets(List.of("fake-signing-secret-testing-0000"))
                        .build()));

    static final Set<Integer> PORTS = ConcurrentHashMap.newKeySet();

    @Test
    void runsOnAFreePortWithTheConfiguredAccounts() throws Exception {
      PORTS.add(terra.emulator().port());
      assertThat(terra.emulator().port()).isNotEqualTo(TerraEmulator.DEFAULT_PORT).isPositive();
      assertThat(terra.emulator().accounts())
          .extracting(EmulatorAccount::devId)
          .contains(EmulatorAccount.LOCAL_DEV_ID, "acme-testing-0000");
      assertThat(integrationsStatus(terra.apiBaseUrl())).isEqualTo(200);
    }

    @Test
    void isTheSameEmulatorForEveryTestAndInjectable(TerraEmulator injected) {
      PORTS.add(terra.emulator().port());
      assertThat(injected).isSameAs(terra.emulator());
    }

    @Test
    void webhooksCanBePointedAtTheAppUnderTest() {
      terra.deliverWebhooksTo(EmulatorAccount.LOCAL_DEV_ID, URI.create("http://127.0.0.1:9/hook"));
      assertThatThrownBy(
              () -> terra.deliverWebhooksTo("no-such-dev-id", URI.create("http://127.0.0.1:9/")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no-such-dev-id");
    }

    @AfterAll
    static void oneEmulatorServedTheClass() {
      assertThat(PORTS).hasSize(1);
    }
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerTest {
    static final List<TerraEmulator> SEEN = new CopyOnWriteArrayList<>();

    @RegisterExtension TerraEmulatorExtension terra = TerraEmulatorExtension.create();

    @Test
    @Order(1)
    void startsFreshForThisTest() throws Exception {
      SEEN.add(terra.emulator());
      assertThat(terra.admin().deliveries()).isEmpty();
      assertThat(integrationsStatus(terra.apiBaseUrl())).isEqualTo(200);
      terra.deliverWebhooksTo(EmulatorAccount.LOCAL_DEV_ID, URI.create("http://127.0.0.1:9/hook"));
    }

    @Test
    @Order(2)
    void andFreshAgainForTheNextWithoutWhatTheLastOneChanged() throws Exception {
      SEEN.add(terra.emulator());
      assertThat(terra.emulator().accounts())
          .filteredOn(account -> account.devId().equals(EmulatorAccount.LOCAL_DEV_ID))
          .extracting(EmulatorAccount::webhookUrl)
          .containsOnlyNulls();
      assertThat(integrationsStatus(terra.apiBaseUrl())).isEqualTo(200);
    }

    @AfterAll
    static void eachTestHadItsOwnEmulatorAndEachWasStopped() {
      assertThat(SEEN).hasSize(2);
      assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
      for (TerraEmulator stopped : SEEN) {
        assertThatThrownBy(() -> integrationsStatus(stopped.apiBaseUrl()))
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void outsideATestItSaysHowToUseIt() {
    assertThatThrownBy(() -> TerraEmulatorExtension.create().emulator())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }
}
