package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar terraauth-gateway.jar} on its own: its help, its refusal of an incomplete
 * configuration, and what it leaves out. (Running it against Terra is the crash tests' job.)
 */
class GatewayJarIT {
  @TempDir Path directory;

  @Test
  void helpListsTheServeFlags() throws Exception {
    Run help = run(Map.of(), "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.output())
        .contains("--env", "--config-dir", "--secrets-dir", "--port", "--host", "--data-dir")
        .contains("--database-url", "--public-url", "--jwt-issuer", "--jwt-audience")
        .contains("--jwt-jwks-url", "--cors-origin", "--credentials-check-every", "--log-format")
        .contains("TERRAAUTH_JWT_SECRET", "TERRAAUTH_ADMIN_TOKEN", "TERRAAUTH_DATABASE_URL")
        .doesNotContain("--emulator-port");
  }

  @Test
  void refusesAnIncompleteConfigurationNamingEverythingMissing() throws Exception {
    Run refused =
        run(Map.of("TERRA_PRODUCTION_DEV_ID", "acme-production-0000"), "--env", "production");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.output())
        .contains("cannot serve production")
        .contains("API key")
        .contains("--jwt-issuer is required")
        .contains("TERRAAUTH_JWT_SECRET");
  }

  @Test
  void refusesTheLocalEnvironmentAndUnknownFlags() throws Exception {
    Run local = run(Map.of(), "--env", "local");
    assertThat(local.exit()).isEqualTo(2);
    assertThat(local.output()).contains("terra-auth serve");
    Run unknown = run(Map.of(), "--env", "testing", "--emulator-port", "1");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).contains("--emulator-port");
    Run secret = run(Map.of(), "--env", "testing", "--api-key", "acme-testing-0000");
    assertThat(secret.exit()).isEqualTo(2);
    assertThat(secret.output())
        .contains("never accepted as command-line arguments")
        .doesNotContain("acme-testing-0000");
  }

  @Test
  void carriesNeitherTheEmulatorNorTheCli() throws IOException {
    try (JarFile jar = new JarFile(GatewayJar.path().toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      assertThat(names).contains("dev/terraauth/gateway/GatewayMain.class");
      assertThat(names).contains("dev/terraauth/core/client/TerraAuthClient.class");
      assertThat(names)
          .noneMatch(name -> name.startsWith("dev/terraauth/emulator/"))
          .noneMatch(name -> name.startsWith("dev/terraauth/cli/"));
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.terraauth.gateway.GatewayMain");
    }
  }

  @Test
  void carriesSqliteNativesForTheSupportedPlatformsOnly() throws IOException {
    try (JarFile jar = new JarFile(GatewayJar.path().toFile())) {
      List<String> platforms =
          Collections.list(jar.entries()).stream()
              .map(e -> e.getName())
              .filter(name -> name.startsWith("org/sqlite/native/") && !name.endsWith("/"))
              .map(name -> name.substring("org/sqlite/native/".length(), name.lastIndexOf('/')))
              .distinct()
              .sorted()
              .toList();
      assertThat(platforms)
          .containsExactly(
              "Linux-Musl/aarch64",
              "Linux-Musl/x86_64",
              "Linux/aarch64",
              "Linux/x86_64",
              "Mac/aarch64",
              "Mac/x86_64",
              "Windows/x86_64");
    }
  }

  record Run(int exit, String output) {}

  private Run run(Map<String, String> variables, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(GatewayJar.path().toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(variables);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    return new Run(process.exitValue(), output);
  }
}
