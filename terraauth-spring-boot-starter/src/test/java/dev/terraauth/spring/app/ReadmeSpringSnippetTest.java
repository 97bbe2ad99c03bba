package dev.terraauth.spring.app;

import dev.terraauth.testing.ReadmeSnippets;
import org.junit.jupiter.api.Test;

/**
 * The README's Spring Boot integration is {@link Connections}, which {@link
 * TerraStarterEmulatorTest} runs against the emulator (a user connects, then is deauthenticated).
 */
class ReadmeSpringSnippetTest {
  @Test
  void theReadmeShowsTheListenersTheStarterTestRuns() {
    ReadmeSnippets.assertReadmeShows("java", "class Connections", Connections.class, "spring");
  }
}
