package dev.terraauth.cli.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terraauth.core.config.CredentialsLoader;
import dev.terraauth.core.config.Environment;
import dev.terraauth.core.config.EnvironmentReport;
import dev.terraauth.core.config.Origin;
import dev.terraauth.core.config.Problem;
import dev.terraauth.core.config.ResolvedSigningSecret;
import dev.terraauth.core.config.ResolvedValue;
import dev.terraauth.core.config.Setting;
import dev.terraauth.core.json.TerraJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code terra-auth env check --env E}: every validation and guard, as an exit code. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = 100,
    description =
        "Run every validation and guard on an environment: missing values (with every place"
            + " looked), malformed values (file:line), the same secret in two environments,"
            + " secret files readable by others, .env.terra.* files git does not ignore.",
    footer = {
      "",
      "Output: '<env>: ok' or '<env>: N errors, M warnings' followed by one 'error: ...' or",
      "'warning: ...' line per finding, each with its fix. With --json one object:",
      "{\"environment\", \"ok\", \"errors\": [...], \"warnings\": [...], \"values\": [{\"setting\",",
      "\"source\", \"shadowed\", \"fingerprint\" (secrets) or \"value\" (dev-id, URLs)}]}.",
      "--live adds 'live: ok' or what failed: wrong API key or dev-id (401/403), Terra",
      "unreachable, or credentials that work but look like another environment's (JSON: \"live\").",
      "Exit codes: 0 no errors (warnings allowed unless --strict), 1 problems found,",
      "2 usage error (--env missing or unknown)."
    })
final class EnvCheckCommand implements Callable<Integer> {
  /**
   * Created on first use, not when picocli instantiates this command to build the command tree: a
   * mapper costs a short command such as {@code env list} tens of milliseconds of start-up.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = TerraJson.newMapper();
  }

  @ParentCommand EnvCommand env;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = "--strict", description = "Warnings count as problems (exit 1).")
  boolean strict;

  @Option(
      names = "--live",
      description =
          "Also make one authenticated read-only call (GET /subscriptions?page=0&per_page=1) to"
              + " prove the dev-id and API key work; without --env, for every configured"
              + " environment.")
  boolean live;

  @Override
  public Integer call() throws JsonProcessingException {
    if (live && env.root().environmentName() == null) {
      return liveAll();
    }
    Environment environment = env.root().environment();
    CredentialsLoader loader = env.root().credentialsLoader();
    EnvironmentReport report = loader.inspect(environment);
    List<String> links = symbolicLinks(loader, environment, report);
    List<Problem> errors = report.errors();
    List<Problem> warnings = report.warnings();
    boolean ok = errors.isEmpty() && (!strict || warnings.isEmpty());
    LiveCheck.Result liveResult =
        live && errors.isEmpty() ? LiveCheck.run(env.root().credentials(environment)) : null;
    ok = ok && (liveResult == null || liveResult.ok());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> object = toJson(report, ok, links);
      if (live) {
        object.put("live", liveResult == null ? null : liveResult.toJson());
      }
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(object));
    } else {
      out.println(environment.id() + ": " + summary(report, errors, warnings));
      errors.forEach(out::println);
      warnings.forEach(out::println);
      links.forEach(link -> out.println("note: " + link));
      if (liveResult != null) {
        printLive(out, liveResult);
      } else if (live) {
        out.println("live: not tried (fix the errors above first)");
      }
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private static void printLive(PrintWriter out, LiveCheck.Result result) {
    out.println(
        "live: "
            + result.status().label()
            + ": "
            + result.detail()
            + (result.hint() == null ? "" : "; " + result.hint()));
  }

  /** --live without --env: every environment whose configuration is complete. */
  private int liveAll() throws JsonProcessingException {
    boolean ok = true;
    Map<String, Object> objects = new LinkedHashMap<>();
    PrintWriter out = spec.commandLine().getOut();
    for (EnvironmentReport report : env.root().credentialsLoader().inspectAll()) {
      String id = report.environment().id();
      if (!report.errors().isEmpty()) {
        objects.put(id, Map.of("status", "not_configured"));
        if (!json) {
          out.println(id + ": skipped (not configured: terra-auth env check --env " + id + ")");
        }
        continue;
      }
      LiveCheck.Result result = LiveCheck.run(env.root().credentials(report.environment()));
      ok &= result.ok();
      objects.put(id, result.toJson());
      if (!json) {
        out.print(id + ": ");
        printLive(out, result);
      }
    }
    if (json) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(objects));
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private static String summary(
      EnvironmentReport report, List<Problem> errors, List<Problem> warnings) {
    if (errors.isEmpty()) {
      int secrets = report.signingSecrets().size();
      return "ok (dev-id, API key, "
          + secrets
          + (secrets == 1 ? " webhook signing secret" : " webhook signing secrets")
          + (warnings.isEmpty() ? ")" : "; " + count(warnings.size(), "warning") + ")");
    }
    return count(errors.size(), "error") + ", " + count(warnings.size(), "warning");
  }

  private static String count(int number, String noun) {
    return number + " " + noun + (number == 1 ? "" : "s");
  }

  /**
   * The configuration files that are symbolic links, and where each points: a link is followed
   * (only to a regular file), so the file actually read should be visible.
   */
  private static List<String> symbolicLinks(
      CredentialsLoader loader, Environment environment, EnvironmentReport report) {
    Set<Path> files = new LinkedHashSet<>();
    files.add(loader.dotenvFile(environment));
    for (Setting setting : Setting.values()) {
      report
          .value(setting)
          .map(ResolvedValue::origin)
          .filter(Origin::isFile)
          .ifPresent(origin -> files.add(origin.file()));
    }
    report.signingSecrets().stream()
        .map(ResolvedSigningSecret::origin)
        .filter(Origin::isFile)
        .forEach(origin -> files.add(origin.file()));
    List<String> links = new ArrayList<>();
    for (Path file : files) {
      if (Files.isSymbolicLink(file)) {
        String target;
        try {
          target = Files.readSymbolicLink(file).toString();
        } catch (IOException e) {
          target = "(unreadable link)";
        }
        links.add(loader.display(file) + " is a symbolic link to " + target);
      }
    }
    return links;
  }

  static Map<String, Object> toJson(EnvironmentReport report, boolean ok, List<String> links) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", report.environment().id());
    json.put("ok", ok);
    json.put("errors", report.errors().stream().map(Problem::message).toList());
    json.put("warnings", report.warnings().stream().map(Problem::message).toList());
    List<Map<String, Object>> values = new ArrayList<>();
    for (Setting setting :
        List.of(Setting.DEV_ID, Setting.API_KEY, Setting.API_URL, Setting.WIDGET_SESSION_URL)) {
      report.value(setting).ifPresent(value -> values.add(value(setting, value)));
    }
    for (ResolvedSigningSecret secret : report.signingSecrets()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("setting", "webhook_secret");
      entry.put("generation", secret.signingSecret().generation());
      entry.put("source", secret.origin().description());
      entry.put(
          "shadowed", report.signingSecretsShadowed().stream().map(Origin::description).toList());
      entry.put("fingerprint", secret.signingSecret().secret().fingerprint());
      values.add(entry);
    }
    json.put("values", values);
    json.put("links", links);
    return json;
  }

  private static Map<String, Object> value(Setting setting, ResolvedValue value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("setting", setting.name().toLowerCase(Locale.ROOT));
    entry.put("source", value.origin().description());
    entry.put("shadowed", value.shadowed().stream().map(Origin::description).toList());
    if (setting.isSecret()) {
      entry.put("fingerprint", value.value().fingerprint());
    } else {
      entry.put("value", value.display());
    }
    return entry;
  }
}
