package dev.terraauth.cli.scan;

import java.io.PrintWriter;
import java.util.List;

/** {@code path:line:column rule masked-value hint}, one finding per line, then a summary line. */
final class TextReport {
  private TextReport() {}

  static void write(PrintWriter out, List<Finding> findings, long filesScanned, int silenced) {
    for (Finding finding : findings) {
      StringBuilder line = new StringBuilder();
      line.append(finding.path())
          .append(':')
          .append(finding.line())
          .append(':')
          .append(finding.column())
          .append(' ')
          .append(finding.rule().id())
          .append(' ')
          .append(finding.maskedValue());
      if (finding.commit() != null) {
        line.append(" commit ")
            .append(finding.commit(), 0, Math.min(12, finding.commit().length()));
      }
      line.append(' ').append(finding.hint());
      out.println(line);
    }
    String silencedNote = silenced == 0 ? "" : " (" + silenced + " silenced by the baseline)";
    out.println(
        findings.isEmpty()
            ? "terra-auth scan: no Terra credentials found in "
                + filesScanned
                + " files"
                + silencedNote
            : "terra-auth scan: "
                + findings.size()
                + " Terra credential(s) found in "
                + filesScanned
                + " files scanned"
                + silencedNote);
    out.flush();
  }
}
