package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.junit.TerraEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The {@code terra} health indicator and the masking of secrets, outside a web server. */
class TerraActuatorTest {
  private static final String API_KEY = "fake-api-key-testing-0000";
  private static final String SECRET = "fake-signing-secret-testing-0000";

  @RegisterExtension static TerraEmulatorExtension terra = TerraEmulatorExtension.create();

  @TempDir Path configDir;

  private ApplicationContextRunner runner(String environment, Map<String, String> variables) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                TerraAutoConfiguration.class,
                TerraWebhookAutoConfiguration.class,
                TerraActuatorAutoConfiguration.class))
        .withPropertyValues("terra.environment=" + environment, "terra.config-dir=" + configDir)
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new HashMap<>(variables))));
  }

  @Test
  void healthGoesDownWhenTheFileBreaksAfterStartUpAndShowsNoValue() throws Exception {
    Path file = configDir.resolve(".env.terra.testing");
    Files.writeString(
        file,
        "TERRA_TESTING_DEV_ID=acme-testing-0000\nTERRA_TESTING_API_KEY="
            + API_KEY
            + "\nTERRA_TESTING_WEBHOOK_SECRET="
            + SECRET
            + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    runner("testing", Map.of())
        .run(
            context -> {
              TerraHealthIndicator indicator = context.getBean(TerraHealthIndicator.class);
              Health before = indicator.health();
              assertThat(before.getStatus()).isEqualTo(Status.UP);
              assertThat(before.getDetails())
                  .containsEntry("environment", "testing")
                  .containsEntry("credentials", "complete")
                  .containsEntry("signingSecrets", 1);

              Files.writeString(file, "TERRA_TESTING_WEBHOOK_SECRET=" + SECRET + "\n");
              Health after = indicator.health();

              assertThat(after.getStatus()).isEqualTo(Status.DOWN);
              assertThat(after.getDetails()).containsEntry("credentials", "incomplete");
              assertThat(after.getDetails().get("problems").toString())
                  .contains("API key")
                  .doesNotContain(SECRET)
                  .doesNotContain(API_KEY);
            });
  }

  @Test
  void theLiveCheckCallsTerra() {
    runner("local", Map.of())
        .withPropertyValues("terra.api-url=" + terra.apiBaseUrl(), "terra.health.live-check=true")
        .run(
            context -> {
              Health health = context.getBean(TerraHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails()).containsEntry("terra", "reachable");
            });
    runner(
            "local",
            Map.of("TERRA_LOCAL_API_KEY", "acme-testing-0000-wrong-key")) // terra-auth:allow
        .withPropertyValues("terra.api-url=" + terra.apiBaseUrl(), "terra.health.live-check=true")
        .run(
            context -> {
              Health health = context.getBean(TerraHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails().get("terra").toString())
                  .startsWith("InvalidCredentialsException")
                  .doesNotContain("acme-testing-0000-wrong-key");
            });
  }

  @Test
  void theIndicatorCanBeTurnedOff() {
    runner("local", Map.of())
        .withPropertyValues("management.health.terra.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TerraHealthIndicator.class));
  }

  @Test
  void secretsAreMaskedByNameAndByValue() {
    runner("local", Map.of())
        .run(
            context -> {
              SanitizingFunction sanitizer =
                  context.getBean("terraSecretSanitizer", SanitizingFunction.class);
              for (String key :
                  List.of(
                      "TERRA_PRODUCTION_API_KEY",
                      "terra.testing.webhook-secret.2",
                      "TERRA_WEBHOOK_SECRET",
                      "terra.mobile-token")) {
                assertThat(sanitizer.apply(data(key, "acme-testing-0000-value")).getValue())
                    .as(key)
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
              }
              assertThat(
                      sanitizer
                          .apply(data("innocent.name", " " + EmulatorAccount.LOCAL_API_KEY))
                          .getValue())
                  .isEqualTo(SanitizableData.SANITIZED_VALUE);
              assertThat(
                      sanitizer
                          .apply(data("rotation.list", "x," + EmulatorAccount.LOCAL_SIGNING_SECRET))
                          .getValue())
                  .isEqualTo(SanitizableData.SANITIZED_VALUE);
              assertThat(sanitizer.apply(data("terra.webhook.path", "/terra/webhooks")).getValue())
                  .isEqualTo("/terra/webhooks");
              assertThat(sanitizer.apply(data("server.port", "8080")).getValue()).isEqualTo("8080");
            });
  }

  private static SanitizableData data(String key, String value) {
    return new SanitizableData(null, key, value);
  }
}
