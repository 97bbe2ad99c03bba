package dev.terraauth.cli.env;

import dev.terraauth.cli.JsonText;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.TerraCredentials;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code terra-auth whoami --env E}: which credentials are in use, and whether Terra takes them.
 */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description =
        "Print the dev-id and API key fingerprint of an environment and whether Terra accepts them"
            + " (one read-only call, as 'env check --live').",
    footer = {
      "",
      "Exit codes: 0 Terra accepted them, 1 it did not (or was unreachable), 2 usage or",
      "configuration error."
    })
public final class WhoamiCommand implements Callable<Integer> {
  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Environment environment = root.environment();
    TerraCredentials credentials = root.credentials(environment);
    LiveCheck.Result live = LiveCheck.run(credentials);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("environment", environment.id());
      object.put("dev_id", credentials.devId());
      object.put("api_key_fingerprint", credentials.apiKey().fingerprint());
      object.put("api_url", credentials.apiBaseUrl().toString());
      object.put("live", live.toJson());
      out.println(JsonText.write(object));
    } else {
      out.println("environment  " + environment.id());
      out.println("dev-id       " + credentials.devId());
      out.println("API key      ******** (fingerprint " + credentials.apiKey().fingerprint() + ")");
      out.println("API          " + credentials.apiBaseUrl());
      out.println(
          "live         "
              + live.status().label()
              + ": "
              + live.detail()
              + (live.hint() == null ? "" : "; " + live.hint()));
    }
    out.flush();
    return live.ok() ? TerraAuthCli.OK : TerraAuthCli.PROBLEM;
  }
}
