package dev.terraauth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A real start-up without an API key: Spring Boot prints the report, naming what is missing. */
@ExtendWith(OutputCaptureExtension.class)
class TerraConfigFailureAnalyzerTest {
  private static final String SECRET = "fake-signing-secret-testing-0000";

  @TempDir Path configDir;

  @Test
  void startUpReportsTheMissingKeyAndWhereItLookedButNoSecret(CapturedOutput output) {
    StandardEnvironment environment = new StandardEnvironment();
    Map<String, Object> variables = new HashMap<>();
    variables.put("TERRA_TESTING_DEV_ID", "acme-testing-0000");
    variables.put("TERRA_TESTING_WEBHOOK_SECRET", SECRET);
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    SpringApplication application = new SpringApplication(App.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setEnvironment(environment);

    assertThatThrownBy(
            () -> application.run("--terra.environment=testing", "--terra.config-dir=" + configDir))
        .hasRootCauseInstanceOf(dev.terraauth.core.error.ConfigException.class);

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("Terra credentials are not usable")
        .contains("API key of testing not found")
        .contains("env TERRA_TESTING_API_KEY")
        .contains("terra.webhook.enabled=false")
        .doesNotContain(SECRET);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
