package dev.terraauth.cli.scan;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code git} executable in one directory. Output is read as bytes, never a shell. */
final class Git {
  /** Receives each blob of a {@code cat-file --batch} run (a reused buffer: copy what you keep). */
  interface BlobConsumer {
    void accept(String request, byte[] content, int length) throws IOException;
  }

  private final Path directory;

  Git(Path directory) {
    this.directory = directory;
  }

  /** True when the directory is inside a git work tree (and git is installed). */
  static boolean isWorkTree(Path directory) {
    try {
      String answer = new Git(directory).text("rev-parse", "--is-inside-work-tree").strip();
      return answer.equals("true");
    } catch (ScanException | IOException notARepository) {
      return false;
    }
  }

  String text(String... args) throws IOException {
    return new String(run(args), StandardCharsets.UTF_8);
  }

  /** NUL-separated output (from a {@code -z} command) as a list. */
  List<String> nulSeparated(String... args) throws IOException {
    List<String> items = new ArrayList<>();
    for (String item : text(args).split("\0")) {
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return items;
  }

  /** Streams the output line by line (UTF-8), for listings too large to hold. */
  void forEachLine(java.util.function.Consumer<String> consumer, String... args)
      throws IOException {
    Process process = start(args);
    process.getOutputStream().close();
    try (java.io.BufferedReader reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        consumer.accept(line);
      }
    }
    waitFor(process, args);
  }

  byte[] run(String... args) throws IOException {
    Process process = start(args);
    process.getOutputStream().close();
    byte[] output;
    try (InputStream stdout = process.getInputStream()) {
      output = stdout.readAllBytes();
    }
    waitFor(process, args);
    return output;
  }

  /**
   * Streams each requested object through {@code git cat-file --batch}; blobs larger than the limit
   * and non-blobs are skipped. Requests are object names or {@code :path} for the index.
   */
  void catFile(List<String> requests, long maxBytes, BlobConsumer consumer) throws IOException {
    Process process = start("cat-file", "--batch");
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream stdin = process.getOutputStream()) {
                for (String request : requests) {
                  stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException closedEarly) {
                // git died; the reader reports it
              }
            },
            "git-cat-file-writer");
    writer.setDaemon(true);
    writer.start();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream stdout = new BufferedInputStream(process.getInputStream(), 1 << 16)) {
      for (String request : requests) {
        String header = readLine(stdout);
        if (header == null) {
          break;
        }
        String[] parts = header.split(" ");
        if (parts.length < 3) {
          continue; // "<name> missing"
        }
        long size = Long.parseLong(parts[2]);
        if (!parts[1].equals("blob") || size > maxBytes) {
          stdout.skipNBytes(size + 1);
          continue;
        }
        if (buffer.length < size) {
          buffer = new byte[(int) size];
        }
        int length = stdout.readNBytes(buffer, 0, (int) size);
        stdout.skipNBytes(1);
        consumer.accept(request, buffer, length);
      }
    }
    waitFor(process, new String[] {"cat-file", "--batch"});
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(directory.toString());
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException missing) {
      throw new ScanException("cannot run git (is it installed and on PATH?)", missing);
    }
  }

  private static void waitFor(Process process, String[] args) {
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new ScanException("git " + args[0] + " failed with exit code " + exit);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ScanException("interrupted while waiting for git", interrupted);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
