package dev.terraauth.cli.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lists the files of a tree the way git sees them. Inside a git work tree it asks git ({@code
 * ls-files -co --exclude-standard}: tracked plus untracked-but-not-ignored); elsewhere it walks the
 * tree applying every {@code .gitignore} it meets. Symbolic links are never followed.
 */
final class TreeWalker {
  private TreeWalker() {}

  /** Paths relative to the root, slash-separated. */
  static List<String> list(Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      return List.of("");
    }
    if (!Files.isDirectory(root)) {
      throw new ScanException("no such file or directory: " + root.getFileName());
    }
    if (Git.isWorkTree(root)) {
      return new Git(root).nulSeparated("ls-files", "-co", "--exclude-standard", "-z");
    }
    return walk(root);
  }

  private static List<String> walk(Path root) throws IOException {
    List<String> files = new ArrayList<>();
    Deque<Scope> scopes = new ArrayDeque<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            if (!dir.equals(root)) {
              if (dir.getFileName().toString().equals(".git") || ignored(dir, true)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
            }
            Path gitignore = dir.resolve(".gitignore");
            scopes.push(
                new Scope(
                    dir,
                    Files.isRegularFile(gitignore)
                        ? PathPatterns.read(gitignore)
                        : PathPatterns.none()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && !ignored(file, false)) {
              files.add(relative(root, file));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException unreadable) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
            scopes.pop();
            return FileVisitResult.CONTINUE;
          }

          private boolean ignored(Path path, boolean directory) {
            for (Scope scope : scopes) {
              if (!scope.patterns().isEmpty()
                  && scope.patterns().ignores(relative(scope.directory(), path), directory)) {
                return true;
              }
            }
            return false;
          }
        });
    return files;
  }

  private record Scope(Path directory, PathPatterns patterns) {}

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
