package dev.terraauth.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.cli.CliContext;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.gateway.GatewayMain;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code terra-auth serve} and {@code terraauth-gateway.jar} take the same flags. */
class ServeFlagsTest {
  @Test
  void serveTakesTheGatewaysFlagsPlusTheEmulatorPort() {
    CommandSpec serve =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), Path.of(".")))
            .getSubcommands()
            .get("serve")
            .getCommandSpec();
    CommandSpec gateway = GatewayMain.commandLine().getCommandSpec();
    Set<String> gatewayFlags = names(gateway);
    Set<String> serveFlags = names(serve);
    assertThat(gatewayFlags)
        .contains("--env", "--config-dir", "--secrets-dir", "--port", "--database-url")
        .contains("--jwt-issuer", "--jwt-audience", "--jwt-jwks-url", "--jwt-user-claim");
    assertThat(serveFlags).containsAll(gatewayFlags);
    Set<String> onlyServe = new TreeSet<>(serveFlags);
    onlyServe.removeAll(gatewayFlags);
    assertThat(onlyServe).containsExactly("--emulator-port");
  }

  @Test
  void theDefaultsAgree() {
    CommandLine serve =
        TerraAuthCli.create(new CliContext(Map.of(), new Properties(), Path.of(".")))
            .getSubcommands()
            .get("serve");
    CommandSpec gateway = GatewayMain.commandLine().getCommandSpec();
    for (OptionSpec option : gateway.options()) {
      OptionSpec same = serve.getCommandSpec().findOption(option.longestName());
      assertThat(same.defaultValue()).as(option.longestName()).isEqualTo(option.defaultValue());
    }
  }

  private static Set<String> names(CommandSpec spec) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : spec.options()) {
      names.add(option.longestName());
    }
    return names;
  }
}
