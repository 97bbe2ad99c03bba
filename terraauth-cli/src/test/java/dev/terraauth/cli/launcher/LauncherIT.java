package dev.terraauth.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./terra-auth} launcher itself, run as users run it, after the jar is packaged: by its
 * path, from another directory, and through links (a link in {@code ~/bin} is how a daily tool gets
 * on the PATH). A link used to make the launcher look for the jar next to the link and try to build
 * it there.
 */
class LauncherIT {
  @TempDir static Path links;
  @TempDir Path elsewhere;

  static Path launcher;

  @BeforeAll
  static void find() throws IOException {
    launcher = Path.of("..", "terra-auth").toAbsolutePath().normalize();
    assertThat(launcher).isExecutable();
    assertThat(Path.of("target", "terra-auth.jar")).exists();
  }

  @Test
  void runsByItsPathFromAnotherDirectory() throws Exception {
    assertThat(run(List.of(launcher.toString(), "--version"))).startsWith("terra-auth ");
  }

  @Test
  void followsAbsoluteRelativeAndChainedLinks() throws Exception {
    Path absolute = Files.createSymbolicLink(links.resolve("absolute"), launcher);
    Path relative = Files.createSymbolicLink(links.resolve("relative"), links.relativize(launcher));
    Path chained = Files.createSymbolicLink(links.resolve("chained"), absolute);
    for (Path link : List.of(absolute, relative, chained)) {
      assertThat(run(List.of(link.toString(), "--version")))
          .as(link.toString())
          .startsWith("terra-auth ");
    }
    // and through the PATH, as a command name
    // (the shell looks the name up in the PATH given here; ProcessBuilder would use this JVM's)
    ProcessBuilder byName = new ProcessBuilder("sh", "-c", "chained --version");
    byName.environment().put("PATH", links + ":" + System.getenv("PATH"));
    assertThat(run(byName)).startsWith("terra-auth ");
  }

  private String run(List<String> command) throws Exception {
    return run(new ProcessBuilder(command));
  }

  private String run(ProcessBuilder builder) throws Exception {
    Path output = elsewhere.resolve("output.txt");
    Process process =
        builder
            .directory(elsewhere.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    // the first start records the class-data-sharing archive: seconds, not minutes
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    assertThat(text).as("no build was attempted").doesNotContain("building the CLI");
    return text;
  }
}
