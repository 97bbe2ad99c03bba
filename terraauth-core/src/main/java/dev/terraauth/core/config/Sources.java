package dev.terraauth.core.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads each kind of source into a {@link ValueSource}; files are read on every call. */
final class Sources {
  private static final Pattern SECRETS_FILE = Pattern.compile("terra_[a-z0-9_]+");

  private final Function<Path, String> display;

  Sources(Function<Path, String> display) {
    this.display = display;
  }

  static ValueSource explicit(Map<String, String> values) {
    Map<String, RawValue> raw = new HashMap<>();
    values.forEach(
        (variable, value) ->
            raw.put(
                variable,
                new RawValue(variable, value, Origin.of(Origin.Kind.EXPLICIT, "explicit"))));
    return new ValueSource(Origin.Kind.EXPLICIT, raw, variable -> "explicit", List.of());
  }

  static ValueSource systemProperties(Properties properties) {
    Map<String, RawValue> raw = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.toLowerCase(Locale.ROOT).startsWith("terra.")) {
        String variable = Setting.variableForSystemProperty(name);
        Origin origin = Origin.of(Origin.Kind.SYSTEM_PROPERTY, "system property " + name);
        raw.put(variable, new RawValue(variable, properties.getProperty(name), origin));
      }
    }
    return new ValueSource(
        Origin.Kind.SYSTEM_PROPERTY,
        raw,
        variable -> "system property " + Setting.systemPropertyFor(variable),
        List.of());
  }

  static ValueSource environmentVariables(Map<String, String> variables) {
    Map<String, RawValue> raw = new HashMap<>();
    variables.forEach(
        (name, value) -> {
          if (name.startsWith("TERRA_")) {
            Origin origin = Origin.of(Origin.Kind.ENVIRONMENT_VARIABLE, "env " + name);
            raw.put(name, new RawValue(name, value, origin));
          }
        });
    return new ValueSource(
        Origin.Kind.ENVIRONMENT_VARIABLE, raw, variable -> "env " + variable, List.of());
  }

  ValueSource dotenv(Path file) {
    String shown = display.apply(file);
    // a link to nothing is not "no file": reading it reports where it points
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ValueSource(
          Origin.Kind.DOTENV_FILE,
          Map.of(),
          variable -> variable + " in " + shown + " (no such file)",
          List.of());
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, RawValue> raw = new HashMap<>();
    try {
      DotenvFile parsed =
          DotenvFile.parse(ConfigFiles.readUtf8(file, ConfigFiles.MAX_DOTENV_BYTES, shown));
      parsed.problems().forEach(p -> problems.add(Problem.error(atLine(shown, p))));
      parsed.warnings().forEach(w -> problems.add(Problem.warning(shown + ": " + w)));
      for (DotenvFile.Entry entry : parsed.entries().values()) {
        Origin origin = new Origin(Origin.Kind.DOTENV_FILE, shown + ":" + entry.line(), file);
        raw.put(entry.key(), new RawValue(entry.key(), entry.value(), origin));
      }
    } catch (IOException e) {
      problems.add(
          Problem.error(
              e instanceof ConfigFiles.RefusedFile
                  ? e.getMessage()
                  : "cannot read " + shown + ": " + describe(e)));
    }
    return new ValueSource(
        Origin.Kind.DOTENV_FILE, raw, variable -> variable + " in " + shown, problems);
  }

  ValueSource secretsDirectory(Path directory) {
    if (directory == null) {
      return new ValueSource(
          Origin.Kind.SECRETS_FILE,
          Map.of(),
          variable -> "secrets directory (none configured)",
          List.of());
    }
    Function<String, String> where =
        variable -> display.apply(directory.resolve(Setting.secretsFileFor(variable)));
    if (!Files.isDirectory(directory)) {
      return new ValueSource(
          Origin.Kind.SECRETS_FILE,
          Map.of(),
          variable -> where.apply(variable) + " (no such directory)",
          List.of(
              Problem.warning(
                  "secrets directory " + display.apply(directory) + " does not exist")));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, RawValue> raw = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!SECRETS_FILE.matcher(name).matches() || Files.isDirectory(file)) {
          continue; // a FIFO or device under a secrets name is reported, not skipped silently
        }
        String variable = name.toUpperCase(Locale.ROOT);
        try {
          String value =
              stripOneNewline(
                  ConfigFiles.readUtf8(
                      file, ConfigFiles.MAX_SECRET_FILE_BYTES, display.apply(file)));
          Origin origin = new Origin(Origin.Kind.SECRETS_FILE, display.apply(file), file);
          raw.put(variable, new RawValue(variable, value, origin));
        } catch (IOException e) {
          problems.add(
              Problem.error(
                  e instanceof ConfigFiles.RefusedFile
                      ? e.getMessage()
                      : "cannot read " + display.apply(file) + ": " + describe(e)));
        }
      }
    } catch (IOException e) {
      problems.add(
          Problem.error(
              "cannot list secrets directory " + display.apply(directory) + ": " + describe(e)));
    }
    return new ValueSource(Origin.Kind.SECRETS_FILE, raw, where, problems);
  }

  static ValueSource defaults(Map<String, String> values, String description) {
    Map<String, RawValue> raw = new HashMap<>();
    values.forEach(
        (variable, value) ->
            raw.put(
                variable,
                new RawValue(variable, value, Origin.of(Origin.Kind.DEFAULT, description))));
    return new ValueSource(Origin.Kind.DEFAULT, raw, variable -> description, List.of());
  }

  /** {@code "line 3: what"} in file {@code f} becomes {@code "f:3: what"}. */
  private static String atLine(String file, String problem) {
    return problem.startsWith("line ")
        ? file + ":" + problem.substring("line ".length())
        : file + ": " + problem;
  }

  /** Files written with {@code echo value > file} end in one newline, which is not the value. */
  private static String stripOneNewline(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }

  private static String describe(IOException e) {
    return ConfigFiles.reason(e);
  }
}
