package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration files that would hang or exhaust a naive reader (a FIFO, {@code /dev/zero}, huge
 * files and values) give one clear error naming the file, within a second, and never echo the
 * content. The class timeout only turns a hang into a failure; the one-second bound is the
 * requirement (the loader's classes are loaded once beforehand, so it measures the reading).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileConfigFilesTest {
  private static final String KEY_CHARS = "k9Q";

  @TempDir Path directory;

  @BeforeAll
  static void loadTheLoadersClasses(@TempDir Path elsewhere) {
    CredentialsLoader.builder()
        .environmentVariables(Map.of())
        .workingDirectory(elsewhere)
        .gitCommand("git-not-installed-here")
        .build()
        .inspect(Environment.TESTING);
  }

  /** The errors of inspecting testing, which must take under a second. */
  private List<String> errorsWithinASecond(CredentialsLoader loader) {
    return assertTimeout(Duration.ofSeconds(1), () -> errors(loader));
  }

  private CredentialsLoader loader(Map<String, String> variables, Path secrets) {
    CredentialsLoader.Builder builder =
        CredentialsLoader.builder()
            .environmentVariables(variables)
            .workingDirectory(directory)
            .gitCommand("git-not-installed-here");
    return (secrets == null ? builder : builder.secretsDirectory(secrets)).build();
  }

  private List<String> errors(CredentialsLoader loader) {
    return loader.inspect(Environment.TESTING).errors().stream().map(Problem::message).toList();
  }

  private Path dotenv() {
    return directory.resolve(".env.terra.testing");
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", dotenv().toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
    assertThat(errorsWithinASecond(loader(Map.of(), null)))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(".env.terra.testing")
                    .contains("FIFO")
                    .contains("not a regular file"));
  }

  @Test
  void aFifoInTheSecretsDirectoryIsReportedNotSkipped() throws Exception {
    Path secrets = Files.createDirectories(directory.resolve("secrets"));
    Path fifo = secrets.resolve("terra_testing_api_key");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    assertThat(errorsWithinASecond(loader(Map.of(), secrets)))
        .anySatisfy(error -> assertThat(error).contains("terra_testing_api_key").contains("FIFO"));
  }

  @Test
  void aSymlinkToDevZeroIsRefusedAndSaysWhereItPoints() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Files.createSymbolicLink(dotenv(), Path.of("/dev/zero"));
    assertThat(errorsWithinASecond(loader(Map.of(), null)))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(".env.terra.testing")
                    .contains("symbolic link to /dev/zero")
                    .contains("character device"));
  }

  @Test
  void aDanglingSymlinkOrALoopOfLinksIsAnErrorNotAMissingFile() throws Exception {
    Files.createSymbolicLink(dotenv(), directory.resolve("moved-away.env"));
    assertThat(errorsWithinASecond(loader(Map.of(), null)))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(".env.terra.testing is a symbolic link to ")
                    .contains("moved-away.env, which does not exist"));
    Files.delete(dotenv());
    Files.createSymbolicLink(dotenv(), directory.resolve("loop"));
    Files.createSymbolicLink(directory.resolve("loop"), dotenv());
    assertThat(errorsWithinASecond(loader(Map.of(), null)))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(".env.terra.testing is a symbolic link to ")
                    .contains("cannot be followed")
                    .doesNotContain("Exception"));
  }

  @Test
  void aDirectoryOrADanglingLinkInPlaceOfAConfigurationFileIsNamed() throws Exception {
    Files.createDirectory(dotenv());
    assertThat(errorsWithinASecond(loader(Map.of(), null)))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(".env.terra.testing is a directory, not a regular file"));
    Path secrets = Files.createDirectories(directory.resolve("secrets"));
    Files.createSymbolicLink(
        secrets.resolve("terra_testing_api_key"), directory.resolve("rotated-away"));
    assertThat(errorsWithinASecond(loader(Map.of(), secrets)))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("terra_testing_api_key is a symbolic link to ")
                    .contains("which does not exist")
                    .doesNotContain("Exception"));
  }

  @Test
  void aSymlinkToARegularFileIsRead() throws Exception {
    Path real = directory.resolve("real.env");
    Files.writeString(real, "TERRA_TESTING_DEV_ID=acme-testing-0000\n");
    Files.createSymbolicLink(dotenv(), real);
    assertThat(loader(Map.of(), null).inspect(Environment.TESTING).value(Setting.DEV_ID))
        .isPresent();
  }

  @Test
  void anOversizedDotenvFileIsRefusedUnread() throws IOException {
    String line = "TERRA_TESTING_API_KEY=" + KEY_CHARS.repeat(30) + "\n";
    Files.writeString(dotenv(), line.repeat(70 * 1024 / line.length() + 1));
    List<String> errors = errorsWithinASecond(loader(Map.of(), null));
    assertThat(errors)
        .anySatisfy(
            error ->
                assertThat(error).contains(".env.terra.testing").contains("larger than 64 KB"));
    assertThat(String.join("\n", errors)).doesNotContain(KEY_CHARS.repeat(3));
  }

  @Test
  void anOversizedSecretFileOrDirectoryEntryIsReported() throws IOException {
    Path secrets = Files.createDirectories(directory.resolve("secrets"));
    Files.write(
        secrets.resolve("terra_testing_api_key"),
        KEY_CHARS.repeat(17 * 1024 / 3 + 1).getBytes(StandardCharsets.US_ASCII));
    List<String> errors = errorsWithinASecond(loader(Map.of(), secrets));
    assertThat(errors)
        .anySatisfy(
            error ->
                assertThat(error).contains("terra_testing_api_key").contains("larger than 16 KB"));
    assertThat(String.join("\n", errors)).doesNotContain(KEY_CHARS.repeat(3));
  }

  @Test
  void aHugeValueIsRefusedAndNotEchoed() throws IOException {
    String huge = KEY_CHARS.repeat(10 * 1024 * 1024 / 3);
    List<String> fromVariable =
        errorsWithinASecond(loader(Map.of("TERRA_TESTING_API_KEY", huge), null));
    assertThat(fromVariable)
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("env TERRA_TESTING_API_KEY")
                    .contains("longer than 4096 characters"));
    Files.writeString(
        dotenv(), "TERRA_TESTING_API_URL=https://example.com/" + KEY_CHARS.repeat(2000) + "\n");
    List<String> fromFile = errors(loader(Map.of(), null));
    assertThat(fromFile)
        .anySatisfy(
            error ->
                assertThat(error).contains(".env.terra.testing:1").contains("longer than 4096"));
    assertThat(String.join("\n", fromVariable) + String.join("\n", fromFile))
        .doesNotContain(KEY_CHARS.repeat(3))
        .hasSizeLessThan(4000);
  }
}
