package dev.terraauth.cli.api;

import dev.terraauth.cli.Table;
import dev.terraauth.core.client.StreamingAuthentication;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.client.TerraStreamingClient;
import dev.terraauth.core.config.Secret;
import dev.terraauth.core.config.TerraCredentials;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "streaming-token",
    mixinStandardHelpOptions = true,
    description = {
      "Mint a single-use token for Terra's real-time streaming socket.",
      "--user-id: a producer token for one of your users (POST /auth/user?id=);",
      "--developer: a consumer token receiving every user's data (POST /auth/developer).",
      "Present it in the IDENTIFY frame on the printed socket URL; it works once.",
      "The host is TERRA_<ENV>_STREAMING_URL (default https://ws.tryterra.co; local: the emulator)."
    })
final class StreamingTokenCommand extends ApiCommand {
  /** Exactly one of the two roles. */
  static final class Role {
    @Option(
        names = "--user-id",
        paramLabel = "ID",
        required = true,
        description = "Terra user id: mint a producer token scoped to this user.")
    String userId;

    @Option(
        names = "--developer",
        required = true,
        description = "Mint a consumer token for all of this environment's users.")
    boolean developer;
  }

  @ArgGroup(multiplicity = "1")
  Role role;

  @Option(
      names = "--streaming-url",
      paramLabel = "URL",
      description = "Override the streaming host, e.g. a staging proxy.")
  URI streamingUrl;

  @Option(
      names = "--basic-auth",
      description = "Authenticate with HTTP Basic (dev-id:api-key) instead of the header pair.")
  boolean basicAuth;

  @Override
  int run(TerraAuthClient unused) {
    TerraCredentials credentials = credentials(root.environment());
    TerraStreamingClient.Builder builder =
        TerraStreamingClient.builder()
            .credentials(credentials)
            .authentication(
                basicAuth ? StreamingAuthentication.BASIC : StreamingAuthentication.HEADERS);
    if (streamingUrl != null) {
      builder.streamingUrl(streamingUrl);
    }
    TerraStreamingClient streaming = builder.build();
    Secret token =
        role.developer ? streaming.consumerToken() : streaming.producerToken(role.userId);
    String kind = role.developer ? "consumer" : "producer";
    if (json) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("token", token.reveal());
      value.put("role", kind);
      value.put("terra_user_id", role.developer ? null : role.userId);
      value.put("socket_url", streaming.socketUrl().toString());
      printJson(value);
    } else {
      Table.withHeaders("TOKEN", "ROLE", "SOCKET")
          .row(token.reveal(), kind, streaming.socketUrl())
          .print(out());
    }
    return 0;
  }
}
