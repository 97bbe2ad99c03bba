package dev.terraauth.cli.webhook;

import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.SigningSecret;
import dev.terraauth.core.error.ConfigException;
import dev.terraauth.core.webhook.WebhookSigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth webhook sign}: prints the signature header Terra would send for a body. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Print the signature header Terra would send for a body file.",
      "Format t=<unix s>,v1=<hex>, signed with the environment's newest webhook secret."
    })
final class SignWebhookCommand implements Callable<Integer> {
  @ParentCommand WebhookCommand parent;

  @Spec CommandSpec spec;

  @Option(
      names = "--body",
      required = true,
      paramLabel = "FILE",
      description = "Body to sign (- for standard input).")
  Path body;

  @Option(
      names = "--timestamp",
      paramLabel = "T",
      description = "Unix seconds to sign with (default: now), for reproducible output.")
  Long timestamp;

  @Option(names = "--json", description = "Print {header, timestamp, secret} as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Environment environment = parent.root().environment();
    List<SigningSecret> secrets = parent.root().signingSecrets(environment);
    if (secrets.isEmpty()) {
      throw new ConfigException(
          "no webhook signing secret for "
              + environment.id()
              + ": set TERRA_"
              + environment.variablePart()
              + "_WEBHOOK_SECRET");
    }
    if (timestamp != null && timestamp < 0) {
      spec.commandLine().getErr().println("terra-auth webhook sign: --timestamp must be >= 0");
      return TerraAuthCli.USAGE;
    }
    byte[] bytes = parent.readBody(body, spec);
    if (bytes == null) {
      return TerraAuthCli.USAGE;
    }
    long signedAt = timestamp != null ? timestamp : Instant.now().getEpochSecond();
    String header = WebhookSigner.of(secrets.get(0).secret()).header(signedAt, bytes);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("header", header);
      result.put("timestamp", signedAt);
      result.put("secret", secrets.get(0).label());
      spec.commandLine().getOut().println(JsonText.write(result));
    } else {
      spec.commandLine().getOut().println(header);
    }
    spec.commandLine().getOut().flush();
    return TerraAuthCli.OK;
  }
}
