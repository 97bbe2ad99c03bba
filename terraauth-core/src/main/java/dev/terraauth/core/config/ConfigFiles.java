package dev.terraauth.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads configuration files defensively: only regular files (a FIFO would block the reader forever,
 * {@code /dev/zero} would fill the heap), and only up to a size cap, checked before and while
 * reading. Symbolic links are followed, so a link to a regular file reads like the file and a link
 * to anything else is refused. Failures name the file and the problem, never the content.
 */
final class ConfigFiles {
  /** Cap of a {@code .env.terra.<env>} file. */
  static final int MAX_DOTENV_BYTES = 64 * 1024;

  /** Cap of one file in the secrets directory. */
  static final int MAX_SECRET_FILE_BYTES = 16 * 1024;

  /** Cap of one configuration value, wherever it comes from. */
  static final int MAX_VALUE_CHARS = 4096;

  private ConfigFiles() {}

  /** A file that is not read, with a message that names it and says why. */
  static final class RefusedFile extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedFile(String message) {
      super(message);
    }
  }

  /**
   * The file's text.
   *
   * @param shown how the file is named in messages
   * @throws RefusedFile when it is not a regular file or is over the cap
   * @throws java.nio.charset.CharacterCodingException when it is not UTF-8
   * @throws IOException when it cannot be read at all
   */
  static String readUtf8(Path file, int maxBytes, String shown) throws IOException {
    byte[] bytes = readBytes(file, maxBytes, shown);
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  /** The file's bytes; see {@link #readUtf8}. */
  static byte[] readBytes(Path file, int maxBytes, String shown) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        // a dangling link, or a loop of links: nothing to read, and not the same as no file
        throw new RefusedFile(
            shown
                + " is a symbolic link to "
                + target(file)
                + ", which "
                + (e instanceof NoSuchFileException
                    ? "does not exist"
                    : "cannot be followed (" + reason(e) + ")")
                + ": configuration is only read through links to regular files");
      }
      throw e;
    }
    if (!attributes.isRegularFile()) {
      throw new RefusedFile(
          shown
              + (Files.isSymbolicLink(file) ? " (a symbolic link to " + target(file) + ")" : "")
              + " is "
              + kind(file, attributes)
              + ", not a regular file: configuration is only read from regular files");
    }
    if (attributes.size() > maxBytes) {
      throw tooLarge(shown, maxBytes);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(shown, maxBytes); // it grew after the size check
      }
      return bytes;
    }
  }

  /** What went wrong, in words: the operating system's reason, never a Java class name. */
  static String reason(IOException e) {
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    return e.getMessage() == null ? "an I/O error" : e.getMessage();
  }

  /** Where a symbolic link points, as written in the link. */
  static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "an unreadable target";
    }
  }

  private static RefusedFile tooLarge(String shown, int maxBytes) {
    return new RefusedFile(
        shown
            + " is larger than "
            + maxBytes / 1024
            + " KB, the most a configuration file of this kind may hold: is it the right file?");
  }

  private static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    try {
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      switch (type) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          return "a special file";
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }
}
