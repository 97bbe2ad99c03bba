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

/** Reads each kind of source into a {@link ValueSource}; files are read on every call. */
final class Sources {
  private final PathDisplay display;

  Sources(PathDisplay display) {
    this.display = display;
  }

  static ValueSource explicit(Map<String, String> values) {
    Map<String, RawValue> raw = new HashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String variable = entry.getKey();
      raw.put(
          variable,
          new RawValue(variable, entry.getValue(), Origin.of(Origin.Kind.EXPLICIT, "explicit")));
    }
    return new ValueSource(Origin.Kind.EXPLICIT, raw, WhereLooked.fixed("explicit"), List.of());
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
        Origin.Kind.SYSTEM_PROPERTY, raw, WhereLooked.systemProperty(), List.of());
  }

  static ValueSource environmentVariables(Map<String, String> variables) {
    Map<String, RawValue> raw = new HashMap<>();
    for (Map.Entry<String, String> entry : variables.entrySet()) {
      String name = entry.getKey();
      if (name.startsWith("TERRA_")) {
        Origin origin = Origin.of(Origin.Kind.ENVIRONMENT_VARIABLE, "env " + name);
        raw.put(name, new RawValue(name, entry.getValue(), origin));
      }
    }
    return new ValueSource(
        Origin.Kind.ENVIRONMENT_VARIABLE, raw, WhereLooked.environmentVariable(), List.of());
  }

  ValueSource dotenv(Path file) {
    String shown = display.of(file);
    // a link to nothing is not "no file": reading it reports where it points
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ValueSource(
          Origin.Kind.DOTENV_FILE,
          Map.of(),
          WhereLooked.inFile(shown + " (no such file)"),
          List.of());
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, RawValue> raw = new HashMap<>();
    try {
      DotenvFile parsed =
          DotenvFile.parse(ConfigFiles.readUtf8(file, ConfigFiles.MAX_DOTENV_BYTES, shown));
      for (String problem : parsed.problems()) {
        problems.add(Problem.error(atLine(shown, problem)));
      }
      for (String warning : parsed.warnings()) {
        problems.add(Problem.warning(shown + ": " + warning));
      }
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
    return new ValueSource(Origin.Kind.DOTENV_FILE, raw, WhereLooked.inFile(shown), problems);
  }

  ValueSource secretsDirectory(Path directory) {
    if (directory == null) {
      return new ValueSource(
          Origin.Kind.SECRETS_FILE,
          Map.of(),
          WhereLooked.fixed("secrets directory (none configured)"),
          List.of());
    }
    if (!Files.isDirectory(directory)) {
      return new ValueSource(
          Origin.Kind.SECRETS_FILE,
          Map.of(),
          WhereLooked.secretsFile(directory, display, " (no such directory)"),
          List.of(
              Problem.warning("secrets directory " + display.of(directory) + " does not exist")));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, RawValue> raw = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!isSecretsFileName(name) || Files.isDirectory(file)) {
          continue; // a FIFO or device under a secrets name is reported, not skipped silently
        }
        String variable = name.toUpperCase(Locale.ROOT);
        try {
          String value =
              stripOneNewline(
                  ConfigFiles.readUtf8(file, ConfigFiles.MAX_SECRET_FILE_BYTES, display.of(file)));
          Origin origin = new Origin(Origin.Kind.SECRETS_FILE, display.of(file), file);
          raw.put(variable, new RawValue(variable, value, origin));
        } catch (IOException e) {
          problems.add(
              Problem.error(
                  e instanceof ConfigFiles.RefusedFile
                      ? e.getMessage()
                      : "cannot read " + display.of(file) + ": " + describe(e)));
        }
      }
    } catch (IOException e) {
      problems.add(
          Problem.error(
              "cannot list secrets directory " + display.of(directory) + ": " + describe(e)));
    }
    return new ValueSource(
        Origin.Kind.SECRETS_FILE, raw, WhereLooked.secretsFile(directory, display, ""), problems);
  }

  static ValueSource defaults(Map<String, String> values, String description) {
    Map<String, RawValue> raw = new HashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String variable = entry.getKey();
      raw.put(
          variable,
          new RawValue(variable, entry.getValue(), Origin.of(Origin.Kind.DEFAULT, description)));
    }
    return new ValueSource(Origin.Kind.DEFAULT, raw, WhereLooked.fixed(description), List.of());
  }

  /** {@code terra_[a-z0-9_]+}: the names of the files a secrets directory holds. */
  private static boolean isSecretsFileName(String name) {
    if (!name.startsWith("terra_") || name.length() == "terra_".length()) {
      return false;
    }
    for (int i = "terra_".length(); i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
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
