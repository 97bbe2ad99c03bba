package dev.terraauth.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 over the names and contents of the files behind an environment (its {@code
 * .env.terra.<env>} and the secrets directory). Contents rather than modification times, so two
 * edits within one timestamp tick are still seen.
 */
final class SourceStamp {
  private SourceStamp() {}

  static byte[] of(Path dotenvFile, Path secretsDirectory) {
    MessageDigest digest = sha256();
    List<Path> files = new ArrayList<>();
    files.add(dotenvFile);
    if (secretsDirectory != null && Files.isDirectory(secretsDirectory)) {
      try (Stream<Path> listing = Files.list(secretsDirectory)) {
        listing.sorted().forEach(files::add);
      } catch (IOException e) {
        digest.update((byte) 1);
      }
    }
    for (Path file : files) {
      digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
      try {
        // bounded like the real read: an oversized file is refused there, whatever it holds
        digest.update(
            Files.isRegularFile(file)
                ? ConfigFiles.readBytes(file, ConfigFiles.MAX_DOTENV_BYTES, file.toString())
                : new byte[] {0});
      } catch (IOException e) {
        digest.update((byte) 2);
      }
    }
    return digest.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
