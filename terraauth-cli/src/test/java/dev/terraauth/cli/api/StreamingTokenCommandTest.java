package dev.terraauth.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.json.TerraJson;
import dev.terraauth.emulator.AccountEnvironment;
import dev.terraauth.emulator.EmulatorAccount;
import dev.terraauth.emulator.TerraEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code terra-auth streaming-token} with {@code --env local} against the embedded emulator. */
class StreamingTokenCommandTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TerraJson.newMapper();
  private static final String TESTING_DEV_ID = "acme-testing-0000";
  private static final String TESTING_API_KEY = "fake-api-key-testing-0000";
  private static final String TESTING_SECRET = "fake-signing-secret-testing-0000";
  private static TerraEmulator emulator;
  private static String userId;

  @TempDir Path workingDirectory;
  private String out;
  private String err;

  @BeforeAll
  static void start() throws Exception {
    emulator =
        TerraEmulator.builder()
            .port(0)
            .account(
                EmulatorAccount.builder(TESTING_DEV_ID)
                    .environment(AccountEnvironment.TESTING)
                    .apiKey(TESTING_API_KEY)
                    .signingSecrets(List.of(TESTING_SECRET))
                    .build())
            .start();
    HttpResponse<String> minted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(emulator.apiBaseUrl() + "/auth/generateAuthToken"))
                    .header("dev-id", EmulatorAccount.LOCAL_DEV_ID)
                    .header("x-api-key", EmulatorAccount.LOCAL_API_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String token = JSON.readTree(minted.body()).get("token").asText();
    userId =
        emulator
            .admin()
            .redeemMobileToken(EmulatorAccount.LOCAL_DEV_ID, token, "cli-streamer", "APPLE")
            .user()
            .userId();
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--env", "local", "--emulator-url", emulator.baseUrl().toString()));
    return runWith(Map.of(), all.toArray(String[]::new));
  }

  private int runWith(Map<String, String> variables, String... all) {
    CommandLine cli =
        TerraAuthCli.create(new CliContext(variables, new Properties(), workingDirectory));
    StringWriter outWriter = new StringWriter();
    StringWriter errWriter = new StringWriter();
    cli.setOut(new PrintWriter(outWriter, true));
    cli.setErr(new PrintWriter(errWriter, true));
    int exitCode = cli.execute(all);
    out = outWriter.toString();
    err = errWriter.toString();
    return exitCode;
  }

  @Test
  void mintsAConsumerTokenAsJson() throws Exception {
    assertThat(run("streaming-token", "--developer", "--json")).as(err).isZero();
    JsonNode value = JSON.readTree(out);
    assertThat(value.get("role").asText()).isEqualTo("consumer");
    assertThat(value.get("token").asText()).contains(".");
    assertThat(value.get("socket_url").asText())
        .isEqualTo(emulator.streamingSocketUrl().toString());
  }

  @Test
  void mintsAProducerTokenForAUserAsATable() {
    assertThat(run("streaming-token", "--user-id", userId)).as(err).isZero();
    assertThat(out).contains("TOKEN").contains("producer").contains("/connect");
    assertThat(run("streaming-token", "--user-id", userId, "--basic-auth")).as(err).isZero();
  }

  @Test
  void someoneElsesUserIsRefusedWithTheReason() {
    assertThat(run("streaming-token", "--user-id", "not-my-user")).isNotZero();
    assertThat(err).contains("403").contains("does not belong to this dev-id");
    assertThat(err).doesNotContain(EmulatorAccount.LOCAL_API_KEY);
  }

  @Test
  void exactlyOneRoleIsRequired() {
    assertThat(run("streaming-token")).isEqualTo(2);
    assertThat(err).contains("--user-id").contains("--developer");
    assertThat(run("streaming-token", "--developer", "--user-id", userId)).isEqualTo(2);
  }

  @Test
  void aRefusalWithJsonIsAJsonErrorObject() throws Exception {
    assertThat(run("streaming-token", "--user-id", "not-my-user", "--json")).isNotZero();
    JsonNode error = JSON.readTree(out).get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_credentials");
    assertThat(error.get("message").asText()).contains("POST /auth/user").contains("403");
    assertThat(error.get("hint").asText())
        .contains("user not-my-user does not belong to this dev-id");
    assertThat(out).doesNotContain(EmulatorAccount.LOCAL_API_KEY);
  }

  @Test
  void aDeployedEnvironmentReadsItsStreamingUrlSetting() throws Exception {
    // a testing account of the emulator; TERRA_TESTING_STREAMING_URL points at the emulator's
    // streaming host instead of ws.tryterra.co
    Map<String, String> testing =
        Map.of(
            "TERRA_TESTING_DEV_ID", TESTING_DEV_ID,
            "TERRA_TESTING_API_KEY", TESTING_API_KEY,
            "TERRA_TESTING_WEBHOOK_SECRET", TESTING_SECRET,
            "TERRA_TESTING_STREAMING_URL", emulator.streamingUrl().toString());
    assertThat(runWith(testing, "streaming-token", "--developer", "--env", "testing", "--json"))
        .as(err)
        .isZero();
    assertThat(JSON.readTree(out).get("socket_url").asText())
        .isEqualTo(emulator.streamingSocketUrl().toString());
  }
}
