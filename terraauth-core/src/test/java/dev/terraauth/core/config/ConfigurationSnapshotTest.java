package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration is read once per question set, and only the checked snapshot (env check, a
 * gateway's start-up) spawns git: loads and reloads never do. "git" here is a script that records
 * each call and answers "not ignored", so every call would also show up as a warning.
 */
class ConfigurationSnapshotTest {
  @TempDir Path directory;

  @Test
  void loadsAndReloadsNeverSpawnGitButTheCheckedSnapshotDoes() throws Exception {
    assumeThat(Path.of("/bin/sh")).as("a POSIX shell").exists();
    Path calls = directory.resolve("git-calls.log");
    Path git = directory.resolve("fake-git");
    Files.writeString(git, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\nexit 1\n");
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwx------"));
    Path dotenv = directory.resolve(".env.terra.testing");
    Files.writeString(
        dotenv,
        "TERRA_TESTING_DEV_ID=acme-testing-0000\n"
            + "TERRA_TESTING_API_KEY=fake-api-key-testing-0000\n"
            + "TERRA_TESTING_WEBHOOK_SECRET=fake-signing-secret-testing-0000\n");
    Files.setPosixFilePermissions(dotenv, PosixFilePermissions.fromString("rw-------"));
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .environmentVariables(Map.of())
            .workingDirectory(directory)
            .gitCommand(git.toString())
            .build();

    loader.load(Environment.TESTING);
    loader.signingSecrets(Environment.TESTING);
    ConfigurationSnapshot snapshot = loader.snapshot();
    snapshot.load(Environment.TESTING);
    assertThat(snapshot.report(Environment.TESTING).warnings())
        .noneMatch(p -> p.message().contains("git"));
    ReloadingCredentials reloading =
        ReloadingCredentials.builder(loader, Environment.TESTING)
            .checkInterval(Duration.ZERO)
            .build();
    Files.writeString(
        dotenv,
        "TERRA_TESTING_WEBHOOK_SECRET_2=fake-signing-secret-testing-0002\n",
        StandardOpenOption.APPEND);
    assertThat(reloading.reload()).isTrue();
    assertThat(calls).doesNotExist();

    ConfigurationSnapshot checked = loader.checkedSnapshot();
    assertThat(checked.report(Environment.TESTING).warnings())
        .anyMatch(p -> p.message().contains("git does not ignore it"));
    // one call for the one .env.terra.* file that exists, however many questions are asked
    checked.load(Environment.TESTING);
    checked.signingSecrets(Environment.TESTING);
    checked.report(Environment.STAGING);
    assertThat(Files.readAllLines(calls))
        .hasSize(1)
        .allMatch(line -> line.contains("check-ignore"));
  }

  @Test
  void inspectIsTheCheckedSnapshotsReport() throws IOException {
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .environmentVariables(Map.of("TERRA_STAGING_DEV_ID", "acme-staging-0000"))
            .workingDirectory(directory)
            .gitCommand("git-not-installed-here")
            .build();
    assertThat(loader.inspect(Environment.STAGING).problems())
        .isEqualTo(loader.checkedSnapshot().report(Environment.STAGING).problems());
    assertThat(loader.inspectAll()).hasSize(Environment.values().length);
  }
}
