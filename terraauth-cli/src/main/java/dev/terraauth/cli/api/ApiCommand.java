package dev.terraauth.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.cli.TerraAuthCli;
import dev.terraauth.cli.TerraAuthCommand;
import dev.terraauth.core.client.TerraAuthClient;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.TerraCredentials;
import dev.terraauth.core.error.TerraTransportException;
import dev.terraauth.core.json.TerraJson;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every API command shares: {@code --json}, {@code --api-url}, {@code --emulator-url},
 * building the client for {@code --env}, and turning failures into one line with a fix.
 */
abstract class ApiCommand implements Callable<Integer> {
  /**
   * Created on first use, not when picocli instantiates this command to build the command tree: a
   * mapper costs a short command such as {@code env list} tens of milliseconds of start-up.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = TerraJson.newMapper();
  }

  static final URI DEFAULT_EMULATOR_URL = URI.create("http://127.0.0.1:8789");

  @ParentCommand TerraAuthCommand root;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--emulator-url",
      paramLabel = "URL",
      description = "With --env local: the emulator's address (default ${DEFAULT-VALUE}).",
      defaultValue = "http://127.0.0.1:8789")
  URI emulatorUrl;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "Override the REST base URL, e.g. https://api.tryterra.co/v2 for the legacy host.")
  URI apiUrl;

  /** Runs the command against the client; returns the exit code. */
  abstract int run(TerraAuthClient client);

  /** Lets a command adjust the client, e.g. the widget endpoint. */
  void configure(TerraAuthClient.Builder builder) {}

  @Override
  public final Integer call() {
    Environment environment = root.environment();
    TerraAuthClient.Builder builder =
        TerraAuthClient.builder().credentials(credentials(environment));
    configure(builder);
    TerraAuthClient client = builder.build();
    try {
      return run(client);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (TerraTransportException e) {
      if (environment != Environment.LOCAL) {
        throw e;
      }
      err()
          .println(
              "terra-auth "
                  + spec.name()
                  + ": "
                  + e.getMessage()
                  + "; is the emulator running? start it with 'terra-auth emulator' or point"
                  + " --emulator-url at it");
      return TerraAuthCli.PROBLEM;
    }
  }

  TerraCredentials credentials(Environment environment) {
    TerraCredentials credentials = root.credentials(environment);
    boolean emulatorUrlGiven =
        spec.commandLine().getParseResult().hasMatchedOption("--emulator-url");
    if (environment != Environment.LOCAL && emulatorUrlGiven) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--emulator-url applies only to --env local");
    }
    if (environment == Environment.LOCAL && (emulatorUrlGiven || pointsAtTerra(credentials))) {
      String base = stripSlash(emulatorUrl.toString());
      credentials =
          credentials
              .withApiBaseUrl(URI.create(base + "/api/v2"))
              .withWidgetSessionUrl(URI.create(base + "/api/widget/session"))
              .withStreamingUrl(URI.create(base));
    }
    if (apiUrl != null) {
      credentials = credentials.withApiBaseUrl(apiUrl);
    }
    return credentials;
  }

  private static boolean pointsAtTerra(TerraCredentials credentials) {
    String host = credentials.apiBaseUrl().getHost();
    return host != null && host.endsWith("tryterra.co");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints a value as pretty JSON (snake_case, ISO instants). */
  void printJson(Object value) {
    try {
      out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
      out().flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + value.getClass().getSimpleName(), e);
    }
  }
}
