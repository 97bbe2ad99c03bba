package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.event.AuthSuccessEvent;
import dev.terraauth.core.webhook.WebhookVerifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The beans, from {@code terra.*} properties plus the CLI's credential sources. The process's real
 * environment variables and system properties are replaced by maps, so nothing on the machine can
 * leak into these tests.
 */
class TerraAutoConfigurationTest {
  private static final String DEV_ID = "acme-testing-0000";
  private static final String API_KEY = "fake-api-key-testing-0000";
  private static final String SECRET_1 = "fake-signing-secret-testing-0001";
  private static final String SECRET_2 = "fake-signing-secret-testing-0002";

  @TempDir Path configDir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TerraAutoConfiguration.class, TerraWebhookAutoConfiguration.class));

  private ApplicationContextRunner with(
      Map<String, String> variables, Map<String, String> systemProperties) {
    return runner
        .withPropertyValues("terra.config-dir=" + configDir)
        .withInitializer(
            context -> {
              var sources = context.getEnvironment().getPropertySources();
              sources.replace(
                  StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                  new SystemEnvironmentPropertySource(
                      StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                      new HashMap<>(variables)));
              sources.replace(
                  StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                  new MapPropertySource(
                      StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                      new HashMap<>(systemProperties)));
            });
  }

  private static Map<String, String> testingVariables() {
    return Map.of(
        "TERRA_TESTING_DEV_ID", DEV_ID,
        "TERRA_TESTING_API_KEY", API_KEY,
        "TERRA_TESTING_WEBHOOK_SECRET", SECRET_1,
        "TERRA_TESTING_WEBHOOK_SECRET_2", SECRET_2);
  }

  @Test
  void beansComeFromPropertiesAndEnvironmentVariables() {
    with(testingVariables(), Map.of())
        .withPropertyValues(
            "terra.environment=testing",
            "terra.api-url=http://127.0.0.1:9/api/v2",
            "terra.webhook.tolerance=60s",
            "terra.client.max-attempts=1",
            "terra.client.call-timeout=3s")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TerraCredentials credentials = context.getBean(TerraCredentials.class);
              assertThat(credentials.environment()).isEqualTo(Environment.TESTING);
              assertThat(credentials.devId()).isEqualTo(DEV_ID);
              assertThat(credentials.apiKey().fingerprint())
                  .isEqualTo(Secret.of(API_KEY).fingerprint());
              assertThat(credentials.apiBaseUrl())
                  .isEqualTo(URI.create("http://127.0.0.1:9/api/v2"));
              assertThat(context).hasSingleBean(TerraAuthClient.class);
              assertThat(context.getBean(TerraAuthClient.class).environment())
                  .isEqualTo(Environment.TESTING);
              WebhookVerifier verifier = context.getBean(WebhookVerifier.class);
              assertThat(verifier.tolerance()).isEqualTo(Duration.ofSeconds(60));
              assertThat(verifier.secrets())
                  .extracting(SigningSecret::generation)
                  .containsExactlyInAnyOrder(1, 2);
              TerraProperties properties = context.getBean(TerraProperties.class);
              assertThat(properties.client().maxAttempts()).isEqualTo(1);
              assertThat(properties.client().callTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(properties.webhook().path()).isEqualTo("/terra/webhooks");
            });
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariablesAsInTheCli() {
    with(testingVariables(), Map.of("terra.testing.dev-id", "acme-testing-0000-sysprop"))
        .withPropertyValues("terra.environment=testing")
        .run(
            context ->
                assertThat(context.getBean(TerraCredentials.class).devId())
                    .isEqualTo("acme-testing-0000-sysprop"));
  }

  @Test
  void credentialsComeFromTheDotenvFileInTheConfigDirectory() throws Exception {
    Path file = configDir.resolve(".env.terra.staging");
    Files.writeString(
        file,
        "TERRA_STAGING_DEV_ID=acme-staging-0000\n"
            + "TERRA_STAGING_API_KEY=fake-api-key-staging-0000\n"
            + "TERRA_STAGING_WEBHOOK_SECRET=fake-signing-secret-staging-0000\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    with(Map.of(), Map.of())
        .withPropertyValues("terra.environment=STAGING")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TerraCredentials.class).devId())
                  .isEqualTo("acme-staging-0000");
              assertThat(context.getBean(WebhookVerifier.class).secrets()).hasSize(1);
            });
  }

  @Test
  void aMissingCredentialFailsStartUpNamingEveryPlaceLookedButNoValue() {
    Map<String, String> variables = new HashMap<>(testingVariables());
    variables.remove("TERRA_TESTING_API_KEY");
    with(variables, Map.of())
        .withPropertyValues("terra.environment=testing")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable root = rootCause(context.getStartupFailure());
              assertThat(root).isInstanceOf(ConfigException.class);
              assertThat(root.getMessage())
                  .contains("API key")
                  .contains("TERRA_TESTING_API_KEY")
                  .contains(".env.terra.testing")
                  .doesNotContain(SECRET_1)
                  .doesNotContain(SECRET_2);
            });
  }

  @Test
  void aMissingSigningSecretFailsStartUpUnlessWebhooksAreOff() {
    Map<String, String> variables =
        Map.of("TERRA_TESTING_DEV_ID", DEV_ID, "TERRA_TESTING_API_KEY", API_KEY);
    with(variables, Map.of())
        .withPropertyValues("terra.environment=testing")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(ConfigException.class)
                  .hasMessageContaining("no webhook signing secret for testing")
                  .hasMessageContaining("TERRA_TESTING_WEBHOOK_SECRET")
                  .hasMessageNotContaining(API_KEY);
            });
    with(variables, Map.of())
        .withPropertyValues("terra.environment=testing", "terra.webhook.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(TerraAuthClient.class);
              assertThat(context).doesNotHaveBean(WebhookVerifier.class);
              assertThat(context).doesNotHaveBean(TerraWebhookDispatcher.class);
            });
  }

  @Test
  void theEnvironmentMustBeChosen() {
    with(testingVariables(), Map.of())
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("terra.environment is not set"));
    with(testingVariables(), Map.of())
        .withPropertyValues("terra.environment=prod")
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .hasMessageContaining("unknown environment 'prod'")
                    .hasMessageContaining("testing, staging, production, local"));
  }

  @Test
  void localNeedsNoCredentials() {
    with(Map.of(), Map.of())
        .withPropertyValues("terra.environment=local")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TerraCredentials.class).environment())
                  .isEqualTo(Environment.LOCAL);
              assertThat(context.getBean(WebhookVerifier.class).secrets()).hasSize(1);
            });
  }

  @Test
  void unscopedVariablesNeverReachLocal() {
    with(Map.of("TERRA_API_KEY", API_KEY), Map.of())
        .withPropertyValues("terra.environment=local")
        .run(
            context ->
                assertThat(context.getBean(TerraCredentials.class).apiKey().matches(API_KEY))
                    .isFalse());
  }

  @Test
  void theApplicationsOwnBeansWin() {
    with(testingVariables(), Map.of())
        .withPropertyValues("terra.environment=testing")
        .withUserConfiguration(OwnClient.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(TerraAuthClient.class);
              assertThat(context.getBean(TerraAuthClient.class))
                  .isSameAs(context.getBean("myClient"));
            });
  }

  @Test
  void aListenerWithAnUnsupportedParameterFailsStartUp() {
    with(Map.of(), Map.of())
        .withPropertyValues("terra.environment=local")
        .withUserConfiguration(BadListener.class)
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BadListener")
                    .hasMessageContaining("java.lang.String"));
  }

  @Test
  void theLoaderIsTheApplicationsWhenItDefinesOne() {
    with(Map.of(), Map.of())
        .withPropertyValues("terra.environment=testing")
        .withBean(
            CredentialsLoader.class,
            () -> CredentialsLoader.builder().environmentVariables(testingVariables()).build())
        .run(
            context ->
                assertThat(context.getBean(TerraCredentials.class).devId()).isEqualTo(DEV_ID));
  }

  @Test
  void startsWithoutTheOptionalLibraries() {
    with(Map.of(), Map.of())
        .withPropertyValues("terra.environment=local")
        .withClassLoader(
            new FilteredClassLoader(
                "io.micrometer",
                "org.springframework.boot.actuate",
                "org.springframework.security"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(TerraAuthClient.class);
              assertThat(context).hasSingleBean(WebhookVerifier.class);
              assertThat(context).hasSingleBean(TerraWebhookDispatcher.class);
            });
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean
    TerraAuthClient myClient(TerraCredentials credentials) {
      return TerraAuthClient.builder().credentials(credentials).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class BadListener {
    @Bean
    Object listener() {
      return new Object() {
        @TerraWebhookListener
        void wrong(AuthSuccessEvent event, String extra) {}
      };
    }
  }
}
