package dev.terraauth.cli.scan;

import dev.terraauth.core.config.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scan engine: bytes in, findings out. Per file: size and binary checks, the byte-level {@link
 * Prefilter}, then the {@link Detector} only on the rare files that mention Terra. Files are read
 * as bytes into a per-thread buffer and scanned in parallel. Thread-safe.
 */
final class Scanner {
  /** Default limit: larger files are skipped (generated bundles, dumps, media). */
  static final long DEFAULT_MAX_FILE_BYTES = 5L * 1024 * 1024;

  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::path)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(finding -> finding.commit() == null ? "" : finding.commit());

  private final Detector detector = new Detector();
  private final KnownCredentials known;
  private final long maxFileBytes;
  private final ThreadLocal<byte[]> buffers;

  Scanner(KnownCredentials known, long maxFileBytes) {
    this.known = known;
    this.maxFileBytes = maxFileBytes;
    this.buffers = ThreadLocal.withInitial(() -> new byte[256 * 1024]);
  }

  /** Scans files below the root in parallel; {@code scanned} counts files as they are done. */
  List<Finding> scanFiles(Path root, List<String> relativePaths, LongAdder scanned) {
    List<Finding> findings =
        relativePaths.parallelStream()
            .flatMap(
                path -> {
                  List<Finding> found = scanFile(root, path);
                  scanned.increment();
                  return found.stream();
                })
            .sorted(ORDER)
            .toList();
    return findings;
  }

  private List<Finding> scanFile(Path root, String relativePath) {
    Path file = relativePath.isEmpty() ? root : root.resolve(relativePath);
    String shownPath = relativePath.isEmpty() ? root.getFileName().toString() : relativePath;
    // NOFOLLOW_LINKS: a symlink (in or out of the tree) is never opened.
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size == 0 || size > maxFileBytes) {
        return List.of();
      }
      byte[] buffer = buffers.get();
      if (buffer.length < size) {
        buffer = new byte[(int) Math.max(size, buffer.length * 2L)];
        buffers.set(buffer);
      }
      ByteBuffer target = ByteBuffer.wrap(buffer, 0, (int) size);
      while (target.hasRemaining() && channel.read(target) >= 0) {
        // keep reading: a file may grow or shrink while we read it
      }
      return scanBytes(shownPath, buffer, target.position());
    } catch (IOException goneOrUnreadable) {
      return List.of(); // deleted since listing, a symlink, a directory, no permission
    }
  }

  /** Scans one file's (or blob's, or stdin's) bytes. */
  List<Finding> scanBytes(String path, byte[] bytes, int length) {
    if (!Prefilter.mentionsTerra(bytes, length) || Prefilter.looksBinary(bytes, length)) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (Detector.Candidate candidate : detector.detect(bytes, length)) {
      String fingerprint = Secret.fingerprintOf(candidate.value());
      findings.add(
          new Finding(
              candidate.rule(),
              path,
              candidate.line(),
              candidate.column(),
              fingerprint,
              Finding.mask(candidate.value()),
              candidate.devId() == null ? null : Finding.mask(candidate.devId()),
              EnvironmentHint.of(candidate.devId(), candidate.variableName(), path),
              known.match(fingerprint, candidate.value()),
              null));
    }
    return findings;
  }
}
