package dev.terraauth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.terraauth.core.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingCredentialsTest {
  @TempDir Path directory;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private void writeTesting(String apiKey, String signingSecrets) throws IOException {
    Path file = directory.resolve(".env.terra.testing");
    Files.writeString(
        file,
        "TERRA_TESTING_DEV_ID=acme-testing-0000\n"
            + "TERRA_TESTING_API_KEY="
            + apiKey
            + "\nTERRA_TESTING_WEBHOOK_SECRET="
            + signingSecrets
            + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private ReloadingCredentials.Builder provider() {
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .workingDirectory(directory)
            .gitCommand("git-not-installed-here")
            .build();
    return ReloadingCredentials.builder(loader, Environment.TESTING)
        .clock(clock)
        .gracePeriod(Duration.ofMinutes(10))
        .checkInterval(Duration.ofSeconds(5));
  }

  private static List<String> values(List<SigningSecret> secrets) {
    return secrets.stream().map(s -> s.secret().reveal()).toList();
  }

  @Test
  void picksUpAChangedFileAfterTheCheckInterval() throws IOException {
    writeTesting("fake-key-one", "fake-secret-one");
    ReloadingCredentials credentials = provider().build();
    writeTesting("fake-key-two", "fake-secret-one");

    assertThat(credentials.current().apiKey().reveal()).isEqualTo("fake-key-one");
    clock.advance(Duration.ofSeconds(5));
    assertThat(credentials.current().apiKey().reveal()).isEqualTo("fake-key-two");
  }

  @Test
  void reloadsOnDemand() throws IOException {
    writeTesting("fake-key-one", "fake-secret-one");
    ReloadingCredentials credentials = provider().checkInterval(Duration.ofDays(1)).build();
    writeTesting("fake-key-two", "fake-secret-one");

    assertThat(credentials.reload()).isTrue();
    assertThat(credentials.current().apiKey().reveal()).isEqualTo("fake-key-two");
  }

  @Test
  void keepsARemovedSigningSecretForTheGracePeriod() throws IOException {
    writeTesting("fake-key-one", "fake-secret-old");
    ReloadingCredentials credentials = provider().build();
    writeTesting("fake-key-one", "fake-secret-new");

    credentials.reload();
    assertThat(values(credentials.current().signingSecrets())).containsExactly("fake-secret-new");
    assertThat(values(credentials.acceptedSigningSecrets()))
        .containsExactly("fake-secret-new", "fake-secret-old");
    assertThat(credentials.retiredSigningSecrets())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.secret().secret().reveal()).isEqualTo("fake-secret-old");
              assertThat(r.acceptedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
            });

    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(values(credentials.acceptedSigningSecrets()))
        .containsExactly("fake-secret-new", "fake-secret-old");
    clock.advance(Duration.ofSeconds(1));
    assertThat(values(credentials.acceptedSigningSecrets())).containsExactly("fake-secret-new");
    assertThat(credentials.retiredSigningSecrets()).isEmpty();
  }

  @Test
  void aSecretThatComesBackIsNoLongerRetiring() throws IOException {
    writeTesting("fake-key-one", "fake-secret-old");
    ReloadingCredentials credentials = provider().gracePeriod(Duration.ZERO).build();
    writeTesting("fake-key-one", "fake-secret-new");
    credentials.reload();
    writeTesting("fake-key-one", "fake-secret-old,fake-secret-new");
    credentials.reload();

    assertThat(values(credentials.acceptedSigningSecrets()))
        .containsExactly("fake-secret-new", "fake-secret-old");
  }

  @Test
  void aBrokenEditKeepsThePreviousCredentialsAndSaysWhy() throws IOException {
    writeTesting("fake-key-one", "fake-secret-one");
    ReloadingCredentials credentials = provider().checkInterval(Duration.ZERO).build();
    writeTesting("\"fake-key-half-pasted", "fake-secret-one");

    assertThat(credentials.current().apiKey().reveal()).isEqualTo("fake-key-one");
    assertThat(credentials.lastReloadProblem())
        .hasValueSatisfying(
            p -> assertThat(p).contains(".env.terra.testing:2").doesNotContain("fake-key"));

    writeTesting("fake-key-fixed", "fake-secret-one");
    assertThat(credentials.current().apiKey().reveal()).isEqualTo("fake-key-fixed");
    assertThat(credentials.lastReloadProblem()).isEmpty();
  }

  @Test
  void theFirstLoadFailsLoudly() {
    assertThatThrownBy(() -> provider().build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void followsTheSecretsDirectoryToo() throws IOException {
    Path secrets = Files.createDirectory(directory.resolve("secrets"));
    Files.writeString(secrets.resolve("terra_testing_dev_id"), "acme-testing-0000\n");
    Files.writeString(secrets.resolve("terra_testing_api_key"), "fake-key-one\n");
    CredentialsLoader loader =
        CredentialsLoader.builder()
            .workingDirectory(directory)
            .secretsDirectory(secrets)
            .environmentVariables(Map.of())
            .build();
    ReloadingCredentials credentials =
        ReloadingCredentials.builder(loader, Environment.TESTING)
            .clock(clock)
            .checkInterval(Duration.ZERO)
            .build();

    Files.writeString(secrets.resolve("terra_testing_api_key"), "fake-key-two\n");

    assertThat(credentials.current().apiKey().reveal()).isEqualTo("fake-key-two");
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
