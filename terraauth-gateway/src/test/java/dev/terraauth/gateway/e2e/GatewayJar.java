package dev.terraauth.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The deployable {@code target/terraauth-gateway.jar}, built in the package phase (before ITs). */
final class GatewayJar {
  private GatewayJar() {}

  static Path path() {
    Path jar = Path.of("target", "terraauth-gateway.jar").toAbsolutePath();
    assertThat(Files.isRegularFile(jar))
        .as("%s exists (built by the package phase: run ITs with ./mvnw verify)", jar)
        .isTrue();
    return jar;
  }
}
