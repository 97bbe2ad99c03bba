package dev.terraauth.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the SQLite database private before SQLite opens it: the directory is created 0700 and the
 * database file 0600. SQLite gives the WAL, shared-memory and journal files it creates later the
 * mode of the database file, so they are 0600 too. Existing files and directories are left as they
 * are (an operator may have reasons) but reported when group or others have any access.
 */
final class PrivateDataFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OUTSIDERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

  private PrivateDataFiles() {}

  /**
   * Creates what is missing with owner-only modes.
   *
   * @return warnings about existing files or directories that others can access
   */
  static List<String> prepare(Path databaseFile) {
    Path file = databaseFile.toAbsolutePath();
    Path directory = file.getParent();
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    List<String> warnings = new ArrayList<>();
    try {
      if (!Files.isDirectory(directory)) {
        if (posix) {
          Files.createDirectories(
              directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
          Files.createDirectories(directory);
        }
      } else if (posix) {
        warnIfShared(directory, "data directory", "chmod 700", warnings);
      }
      if (!posix) {
        return warnings;
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      } catch (FileAlreadyExistsException existing) {
        warnIfShared(file, "database file", "chmod 600", warnings);
      }
      for (String suffix : COMPANIONS) {
        Path companion = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(companion)) {
          warnIfShared(companion, "database file", "chmod 600", warnings);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data directory for " + file, e);
    }
    return warnings;
  }

  private static void warnIfShared(Path path, String what, String fix, List<String> warnings)
      throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    if (permissions.stream().anyMatch(OUTSIDERS::contains)) {
      warnings.add(
          "the "
              + what
              + " "
              + path
              + " is accessible to other users ("
              + PosixFilePermissions.toString(permissions)
              + "): it holds connection state and token hashes; run "
              + fix
              + " "
              + path);
    }
  }
}
