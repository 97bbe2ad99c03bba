package dev.terraauth.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code .env} file. Follows the usual dotenv rules: {@code KEY=value} lines, blank lines
 * and {@code #} comment lines, an optional {@code export } prefix, single quotes (literal), double
 * quotes (with {@code \n \r \t \" \\} escapes), quoted values spanning lines, CRLF line ends and a
 * UTF-8 byte order mark. Deliberate differences from dotenv-java (each tested):
 *
 * <ul>
 *   <li>{@code export KEY=v} is read (dotenv-java 3.2 rejects the file as malformed);
 *   <li>single quotes are removed (dotenv-java 3.2 keeps them in the value);
 *   <li>escapes in double quotes are decoded (dotenv-java keeps the backslashes);
 *   <li>in an unquoted value {@code #} starts a comment only after whitespace, so {@code KEY=ab#cd}
 *       is {@code ab#cd} (dotenv-java cuts it to {@code ab}: a silently truncated key);
 *   <li>a byte order mark is skipped (dotenv-java 3.2 rejects the file as malformed);
 *   <li>malformed lines, unterminated quotes and text after a closing quote are reported with their
 *       line number and never their text, which may hold a secret (dotenv-java throws with the
 *       line's text in the message).
 * </ul>
 *
 * <p>A key set twice keeps the last value (as dotenv-java) with a warning. Immutable.
 */
final class DotenvFile {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*=[ \\t]*(.*)$");

  /** One {@code KEY=value}; its toString never shows the value. */
  record Entry(String key, String value, int line) {
    @Override
    public String toString() {
      return key + " (line " + line + ")";
    }
  }

  private final Map<String, Entry> entries;
  private final List<String> problems;
  private final List<String> warnings;

  private DotenvFile(Map<String, Entry> entries, List<String> problems, List<String> warnings) {
    this.entries = entries;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** Entries by key, in file order; for duplicate keys the last one. */
  Map<String, Entry> entries() {
    return entries;
  }

  /** Lines that could not be read, as {@code "line N: what"}; values never shown. */
  List<String> problems() {
    return problems;
  }

  /** Lines that were read but look like mistakes (duplicate keys). */
  List<String> warnings() {
    return warnings;
  }

  static DotenvFile parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int index = 0;
    while (index < lines.length) {
      int lineNumber = index + 1;
      String line = lines[index++];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Matcher matcher = ASSIGNMENT.matcher(line);
      if (!matcher.matches()) {
        problems.add("line " + lineNumber + ": not a KEY=value line");
        continue;
      }
      String key = matcher.group(1);
      String rest = matcher.group(2);
      String value;
      if (rest.startsWith("'") || rest.startsWith("\"")) {
        char quote = rest.charAt(0);
        StringBuilder raw = new StringBuilder(rest.substring(1));
        int close = closingQuote(raw, quote);
        while (close < 0 && index < lines.length) {
          raw.append('\n').append(lines[index++]);
          close = closingQuote(raw, quote);
        }
        if (close < 0) {
          problems.add(
              "line " + lineNumber + ": " + key + " has an unterminated " + quote + " quote");
          continue;
        }
        String after = raw.substring(close + 1).strip();
        if (!after.isEmpty() && !after.startsWith("#")) {
          problems.add(
              "line "
                  + lineNumber
                  + ": "
                  + key
                  + " has text after its closing "
                  + quote
                  + " quote");
          continue;
        }
        String inner = raw.substring(0, close);
        value = quote == '"' ? unescape(inner) : inner;
      } else {
        value = stripComment(rest).strip();
      }
      Entry previous = entries.remove(key);
      if (previous != null) {
        warnings.add(
            key
                + " is set twice (lines "
                + previous.line()
                + " and "
                + lineNumber
                + "); line "
                + lineNumber
                + " wins: delete the other");
      }
      entries.put(key, new Entry(key, value, lineNumber));
    }
    return new DotenvFile(entries, List.copyOf(problems), List.copyOf(warnings));
  }

  private static int closingQuote(CharSequence raw, char quote) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static String stripComment(String value) {
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
        return value.substring(0, i);
      }
    }
    return value.startsWith("#") ? "" : value;
  }

  private static String unescape(String inner) {
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) {
        char next = inner.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case '"', '\\', '$' -> out.append(next);
          default -> out.append('\\').append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
