package dev.terraauth.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.cli.Cli;
import dev.terraauth.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test plumbing: generated fake credentials (seeded, never stored), corpus templates, the CLI and
 * real git repositories.
 */
final class ScanFixtures {
  private static final String BASE62 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern MARKER = Pattern.compile("\\{\\{(KEY|SECRET|DEVID:(\\w+))}}");

  private ScanFixtures() {}

  /** A random base62 string: shaped like a Terra API key, generated at test run time. */
  static String randomKey(Random random, int length) {
    StringBuilder key = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      key.append(BASE62.charAt(random.nextInt(BASE62.length())));
    }
    return key.toString();
  }

  static String randomDevId(Random random, String environment) {
    return "acme-" + environment + "-" + randomKey(random, 6).toLowerCase();
  }

  /** Where a planted credential was put. */
  record Planted(String path, int line, int column, Rule rule) {
    @Override
    public String toString() {
      return path + ":" + line + ":" + column + " " + rule.id();
    }
  }

  /** Replaces markers with fresh values; records where each key and secret landed. */
  static String render(String template, String path, Random random, List<Planted> planted) {
    StringBuilder rendered = new StringBuilder();
    String[] lines = template.split("\n", -1);
    for (int index = 0; index < lines.length; index++) {
      Matcher matcher = MARKER.matcher(lines[index]);
      StringBuilder line = new StringBuilder();
      int last = 0;
      while (matcher.find()) {
        line.append(lines[index], last, matcher.start());
        int column = line.length() + 1;
        String value;
        if (matcher.group(1).equals("KEY")) {
          value = randomKey(random, 40);
          planted.add(new Planted(path, index + 1, column, Rule.API_KEY));
        } else if (matcher.group(1).equals("SECRET")) {
          value = randomKey(random, 32);
          planted.add(new Planted(path, index + 1, column, Rule.WEBHOOK_SECRET));
        } else {
          value = randomDevId(random, matcher.group(2));
        }
        line.append(value);
        last = matcher.end();
      }
      line.append(lines[index].substring(last));
      rendered.append(line);
      if (index < lines.length - 1) {
        rendered.append('\n');
      }
    }
    return rendered.toString();
  }

  static String resource(String name) {
    try (InputStream in = ScanFixtures.class.getResourceAsStream("/scan/" + name)) {
      assertThat(in).as("test resource /scan/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CliRun cli(Path workingDirectory, Map<String, String> environment, String... args) {
    return Cli.run(environment, workingDirectory, args);
  }

  static CliRun cliWithInput(
      Path workingDirectory, Map<String, String> environment, byte[] stdin, String... args) {
    return Cli.runWithInput(environment, workingDirectory, stdin, args);
  }

  /** Runs git in the directory and returns its standard output; fails the test on error. */
  static String git(Path directory, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("git %s: %s", args, output).isZero();
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A fresh repository with a local identity and no hooks from the machine's templates. */
  static Path initRepository(Path directory) {
    git(directory, "init", "-q", "--template=", "-b", "main");
    git(directory, "config", "user.name", "Scan Test");
    git(directory, "config", "user.email", "scan-test@example.invalid");
    git(directory, "config", "commit.gpgsign", "false");
    return directory;
  }

  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
