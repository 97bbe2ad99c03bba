package dev.terraauth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.config.Environment;
import dev.terraauth.gateway.relay.EventTypeFilter;
import dev.terraauth.gateway.relay.RelaySecret;
import dev.terraauth.gateway.relay.RelaySettings;
import dev.terraauth.gateway.relay.RelayUrlRule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The relay's flags and variables: defaults, and every refusal naming what is wrong. */
class RelayConfigurationTest {
  static final String SECRET = RelaySecret.generate().reveal();

  record Resolved(GatewaySettings settings, List<String> problems) {}

  static Resolved resolve(Map<String, String> extra, String... args) {
    GatewayOptions options = new GatewayOptions();
    List<String> all =
        new ArrayList<>(
            List.of(
                "--public-url",
                "https://gateway.example",
                "--jwt-issuer",
                "i",
                "--jwt-audience",
                "a"));
    all.addAll(List.of(args));
    new CommandLine(options).parseArgs(all.toArray(String[]::new));
    Map<String, String> variables = new HashMap<>(extra);
    variables.put(
        GatewaySettings.JWT_SECRET_VARIABLE, "fake-hs256-secret-for-tests-0000-0000-0000");
    List<String> problems = new ArrayList<>();
    GatewaySettings settings =
        GatewaySettings.resolve(
            options, Environment.TESTING, variables, Path.of("/tmp/relay-config"), problems);
    return new Resolved(settings, problems);
  }

  @Test
  void defaultsAreStandardWebhooksOwnAndTheRelayUrlTakesItsSecretFromTheEnvironment() {
    Resolved none = resolve(Map.of());
    assertThat(none.problems()).isEmpty();
    RelaySettings relay = none.settings().relay();
    assertThat(relay.configured()).isNull();
    assertThat(relay.eventsToken()).isNull();
    assertThat(relay.retrySchedule())
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10));
    assertThat(relay.timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(relay.disableAfter()).isEqualTo(Duration.ofDays(5));

    String rotating = RelaySecret.generate().reveal();
    Resolved configured =
        resolve(
            Map.of(
                GatewaySettings.RELAY_SECRET_VARIABLE,
                SECRET + " " + rotating,
                GatewaySettings.EVENTS_TOKEN_VARIABLE,
                "fake-events-token-0000-0000-0000"),
            "--relay-url",
            "https://app.example/events",
            "--relay-event-types",
            "auth,deauth,activity",
            "--relay-ordered");
    assertThat(configured.problems()).isEmpty();
    RelaySettings.ConfiguredEndpoint endpoint = configured.settings().relay().configured();
    assertThat(endpoint.secrets()).hasSize(2);
    assertThat(endpoint.ordered()).isTrue();
    assertThat(endpoint.filter().types()).containsExactly("auth", "deauth", "activity");
    assertThat(configured.settings().relay().eventsToken()).isNotNull();
    assertThat(configured.settings().relay().toString())
        .doesNotContain(SECRET.substring(6))
        .doesNotContain(rotating.substring(6))
        .doesNotContain("fake-events-token-0000-0000-0000");
  }

  @Test
  void badSecretsUrlsAndTokensAreRefusedWithTheReason() {
    assertThat(resolve(Map.of(), "--relay-url", "https://app.example/e").problems())
        .anyMatch(p -> p.contains("TERRAAUTH_RELAY_SECRET") && p.contains("whsec_"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, "not-a-standard-secret-0000"),
                    "--relay-url",
                    "https://app.example/e")
                .problems())
        .anyMatch(p -> p.contains("must start with whsec_"))
        .noneMatch(p -> p.contains("not-a-standard-secret-0000"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, "whsec_c2hvcnQ="),
                    "--relay-url",
                    "https://app.example/e")
                .problems())
        .anyMatch(p -> p.contains("decodes to 5 bytes") && p.contains("at least 24"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, "whsec_!!!"),
                    "--relay-url",
                    "https://app.example/e")
                .problems())
        .anyMatch(p -> p.contains("not valid base64"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, SECRET),
                    "--relay-url",
                    "http://app.example/e")
                .problems())
        .anyMatch(p -> p.contains("--relay-url must be https://"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, SECRET),
                    "--relay-url",
                    "http://127.0.0.1:9000/e")
                .problems())
        .anyMatch(p -> p.contains("--relay-allow-http-loopback"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, SECRET),
                    "--relay-url",
                    "http://127.0.0.1:9000/e",
                    "--relay-allow-http-loopback")
                .problems())
        .isEmpty();
    assertThat(resolve(Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, SECRET)).problems())
        .anyMatch(p -> p.contains("--relay-url is not"));
    assertThat(resolve(Map.of(GatewaySettings.EVENTS_TOKEN_VARIABLE, "short")).problems())
        .anyMatch(p -> p.contains("TERRAAUTH_EVENTS_TOKEN is too short"));
    assertThat(
            resolve(
                    Map.of(GatewaySettings.RELAY_SECRET_VARIABLE, SECRET),
                    "--relay-url",
                    "https://app.example/e",
                    "--relay-event-types",
                    "auth,,sleep")
                .problems())
        .anyMatch(p -> p.contains("--relay-event-types") && p.contains("empty"));
    assertThat(resolve(Map.of(), "--relay-concurrency", "0").problems())
        .anyMatch(p -> p.contains("concurrency"));
    assertThat(resolve(Map.of(), "--relay-retry-schedule", "PT0S").problems())
        .anyMatch(p -> p.contains("retry delays must be positive"));
    // shorter, and every handed-over message would miss its lease and wait for it to expire
    assertThat(resolve(Map.of(), "--relay-lease-margin", "PT1S").problems())
        .anyMatch(p -> p.contains("--relay-lease-margin") && p.contains("at least 2 s"));
    assertThat(resolve(Map.of(), "--relay-lease-margin", "PT2S").problems()).isEmpty();
  }

  @Test
  void filtersMatchExactTypesAndPrefixes() {
    EventTypeFilter filter = EventTypeFilter.parse("auth, lab_report.*,large_request_*", "test");
    assertThat(filter.matches("auth")).isTrue();
    assertThat(filter.matches("AUTH")).isTrue();
    assertThat(filter.matches("deauth")).isFalse();
    assertThat(filter.matches("lab_report.completed")).isTrue();
    assertThat(filter.matches("large_request_sending")).isTrue();
    assertThat(filter.matches("activity")).isFalse();
    assertThat(EventTypeFilter.parse("*", "t").all()).isTrue();
    assertThat(EventTypeFilter.parse(null, "t").matches("anything")).isTrue();
    assertThatThrownBy(() -> EventTypeFilter.parse("auth;drop", "event_types"))
        .hasMessageContaining("event_types")
        .hasMessageContaining("auth;drop");
  }

  @Test
  void aStrayCommaIsRefusedNeverReadAsAllEvents() {
    // String.split drops trailing empty entries: "," was an empty list, which means all events
    for (String text : List.of(",", "auth,", "auth,,", "auth,,deauth", " , ")) {
      assertThatThrownBy(() -> EventTypeFilter.parse(text, "--relay-event-types"))
          .as(text)
          .hasMessageContaining("--relay-event-types")
          .hasMessageContaining("check the commas");
    }
    assertThat(EventTypeFilter.parse("auth, deauth", "t").types())
        .containsExactly("auth", "deauth");
  }

  @Test
  void relayUrlsMustBeHttpsOutsideLocalAndCarryNoCredentials() {
    assertThat(
            RelayUrlRule.problem(
                Environment.PRODUCTION, "url", URI.create("https://a.example/x"), false))
        .isEmpty();
    assertThat(
            RelayUrlRule.problem(
                Environment.LOCAL, "url", URI.create("http://localhost:1/x"), false))
        .isEmpty();
    assertThat(
            RelayUrlRule.problem(Environment.LOCAL, "url", URI.create("http://a.example/x"), false))
        .hasValueSatisfying(p -> assertThat(p).contains("https://"));
    assertThat(
            RelayUrlRule.problem(
                Environment.PRODUCTION, "url", URI.create("https://u:p@a.example/x"), false))
        .hasValueSatisfying(p -> assertThat(p).contains("credentials"));
    assertThat(
            RelayUrlRule.problem(
                Environment.PRODUCTION, "url", URI.create("ftp://a.example/x"), false))
        .isPresent();
    assertThat(RelayUrlRule.problem(Environment.PRODUCTION, "url", URI.create("/relative"), false))
        .isPresent();
  }
}
