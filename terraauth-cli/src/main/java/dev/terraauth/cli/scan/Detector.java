package dev.terraauth.cli.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Terra credentials in one file's text by keyword context: assignments ({@code
 * TERRA_API_KEY=...}, {@code api_key: ...}, {@code "dev_id": "..."}), keyword arguments and builder
 * calls, HTTP headers ({@code -H "x-api-key: ..."}), and string literals passed to a {@code
 * Terra(...)} constructor. Values must pass {@link Placeholders}. Stateless, thread-safe.
 */
final class Detector {
  /** The inline marker that silences every finding on its line. */
  static final String ALLOW_MARKER = "terra-auth:allow";

  private static final int PAIRING_DISTANCE_LINES = 10;

  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          // The lookbehind starts a match only where a name starts: the leftmost match is the
          // same, but the lazy name no longer re-expands from every character of a long line
          // (that made keyword-heavy history scans quadratic per line).
          "(?<![A-Za-z0-9_.\\-])(?<name>[A-Za-z0-9_.\\-]*?(?<kw>api[_.\\-]?key|dev[_.\\-]?id|(?:webhook|signing)[_.\\-]?secret)"
              + "[A-Za-z0-9_\\-]*)[\"'`\\]]?\\s*(?:=>|:=|[:=(,])\\s*"
              + "(?<call>(?:new\\s+)?[A-Za-z_][\\w.]*\\(\\s*)?"
              + "(?:(?<q>[\"'`])(?<quoted>[^\"'`\\s]{1,300})\\k<q>"
              + "|(?<bare>[^\\s\"'`,;)}\\]\\[(|]{1,300})(?<after>[(\\[]?))",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern TERRA_CALL =
      Pattern.compile("(?i)(?<![A-Za-z0-9_])(?:new\\s+)?terra\\w*\\s*\\((?<args>[^)]*)");

  /** {@code Authorization: Basic base64(dev-id:api-key)}, accepted by Terra's streaming hosts. */
  private static final Pattern BASIC =
      Pattern.compile("(?i)(?<![A-Za-z0-9])basic\\s+(?<token>[A-Za-z0-9+/]{16,}={0,2})");

  /** {@code curl -u dev-id:api-key} (or {@code --user}). */
  private static final Pattern USER =
      Pattern.compile(
          "(?:^|\\s)(?:-u|--user)[\\s=]+[\"']?(?<devId>[A-Za-z0-9_.\\-]{3,80}):(?<key>[A-Za-z0-9_\\-]{16,200})");

  private static final Pattern LITERAL = Pattern.compile("([\"'`])([^\"'`\\s]{3,300})\\1");

  private static final Pattern LOOKUP_CALL =
      Pattern.compile(
          "(?i).*(getenv|environ|env|property|fetch|get|lookup|require|config|param|read|load"
              + "|vault|decrypt).*");

  /** A credential found in a file, before baseline, allow markers and known keys are applied. */
  record Candidate(
      Rule rule, int line, int column, String value, String devId, String variableName) {}

  /** A dev-id and where it is; {@code object} is the column of its innermost enclosing '{'. */
  private record DevId(int line, int column, int object, String value) {}

  /** Finds candidates in UTF-8 text; the bytes are those of one file (or blob, or stdin). */
  List<Candidate> detect(byte[] bytes, int length) {
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    List<Candidate> secrets = new ArrayList<>();
    List<DevId> devIds = new ArrayList<>();
    Map<Candidate, Integer> objects = new IdentityHashMap<>();
    // Jump from keyword to keyword over the whole text and cut out only the lines that hold
    // one: keyword-heavy files (and history) have many lines that can never match.
    int lineNumber = 1;
    int counted = 0; // lineNumber is the line of offset `counted`
    int hit = nextKeyword(text, 0);
    while (hit >= 0) {
      int start = text.lastIndexOf('\n', hit - 1) + 1;
      int end = text.indexOf('\n', hit);
      if (end < 0) {
        end = text.length();
      }
      lineNumber += countNewlines(text, counted, start);
      counted = start;
      String line = text.substring(start, end);
      if (!line.contains(ALLOW_MARKER)) {
        int first = secrets.size();
        detectInLine(line, lineNumber, secrets, devIds);
        for (int i = first; i < secrets.size(); i++) {
          objects.put(secrets.get(i), objectStart(line, secrets.get(i).column() - 1));
        }
      }
      hit = end < text.length() ? nextKeyword(text, end + 1) : -1;
    }
    return pair(secrets, devIds, objects);
  }

  private static int countNewlines(String text, int from, int to) {
    int count = 0;
    for (int i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
      count++;
    }
    return count;
  }

  /**
   * The offset of the next word that can start a credential (key, secret, dev, terra, basic, -u),
   * case-insensitively, or -1: a character switch instead of lower-casing every line.
   */
  static int nextKeyword(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      switch (text.charAt(i) | 0x20) {
        case 'k' -> {
          if (text.regionMatches(true, i, "key", 0, 3)) {
            return i;
          }
        }
        case 's' -> {
          if (text.regionMatches(true, i, "secret", 0, 6)) {
            return i;
          }
        }
        case 'd' -> {
          if (text.regionMatches(true, i, "dev", 0, 3)) {
            return i;
          }
        }
        case 't' -> {
          if (text.regionMatches(true, i, "terra", 0, 5)) {
            return i;
          }
        }
        case 'b' -> {
          if (text.regionMatches(true, i, "basic", 0, 5)) {
            return i;
          }
        }
        case '-' -> { // also reached by a CR (0x0d | 0x20), hence the exact check
          if (text.charAt(i) == '-'
              && i + 1 < text.length()
              && (text.charAt(i + 1) | 0x20) == 'u') {
            return i;
          }
        }
        default -> {}
      }
    }
    return -1;
  }

  private static void detectInLine(
      String line, int lineNumber, List<Candidate> secrets, List<DevId> devIds) {
    Set<Integer> seenColumns = new HashSet<>();
    Matcher matcher = ASSIGNMENT.matcher(line);
    while (matcher.find()) {
      String value =
          matcher.group("quoted") != null ? matcher.group("quoted") : matcher.group("bare");
      int valueStart =
          matcher.group("quoted") != null ? matcher.start("quoted") : matcher.start("bare");
      String call = matcher.group("call");
      boolean expression = matcher.group("bare") != null && !matcher.group("after").isEmpty();
      boolean lookup = call != null && LOOKUP_CALL.matcher(call).matches();
      if (expression || lookup) {
        continue;
      }
      String keyword = matcher.group("kw").toLowerCase(Locale.ROOT);
      String name = matcher.group("name");
      if (keyword.startsWith("dev")) {
        if (Placeholders.plausibleDevId(value)) {
          devIds.add(new DevId(lineNumber, valueStart, objectStart(line, valueStart), value));
        }
        seenColumns.add(valueStart);
      } else if (keyword.startsWith("api")) {
        if (Placeholders.plausibleApiKey(value)) {
          secrets.add(new Candidate(Rule.API_KEY, lineNumber, valueStart + 1, value, null, name));
        }
        seenColumns.add(valueStart);
      } else {
        if (Placeholders.plausibleSecret(value)) {
          secrets.add(
              new Candidate(Rule.WEBHOOK_SECRET, lineNumber, valueStart + 1, value, null, name));
        }
        seenColumns.add(valueStart);
      }
    }
    if (containsIgnoreCase(line, "terra")) {
      detectTerraCall(line, lineNumber, seenColumns, secrets, devIds);
    }
    if (containsIgnoreCase(line, "basic") || line.contains("-u")) {
      detectBasicCredentials(line, lineNumber, secrets, devIds);
    }
  }

  private static boolean containsIgnoreCase(String line, String word) {
    for (int i = 0; i + word.length() <= line.length(); i++) {
      if (line.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** {@code dev-id:api-key} pairs in HTTP Basic headers and {@code curl -u}. */
  private static void detectBasicCredentials(
      String line, int lineNumber, List<Candidate> secrets, List<DevId> devIds) {
    Matcher basic = BASIC.matcher(line);
    while (basic.find()) {
      String decoded;
      try {
        decoded =
            new String(Base64.getDecoder().decode(basic.group("token")), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      int colon = decoded.indexOf(':');
      if (colon > 0 && Placeholders.plausibleApiKey(decoded.substring(colon + 1))) {
        String devId = decoded.substring(0, colon);
        devIds.add(new DevId(lineNumber, basic.start("token") - 1, -1, devId));
        secrets.add(
            new Candidate(
                Rule.API_KEY,
                lineNumber,
                basic.start("token") + 1,
                decoded.substring(colon + 1),
                null,
                null));
      }
    }
    Matcher user = USER.matcher(line);
    while (user.find()) {
      if (Placeholders.plausibleApiKey(user.group("key"))) {
        devIds.add(new DevId(lineNumber, user.start("devId"), -1, user.group("devId")));
        secrets.add(
            new Candidate(
                Rule.API_KEY, lineNumber, user.start("key") + 1, user.group("key"), null, null));
      }
    }
  }

  /** {@code Terra("acme-testing-x1", "<key>", "<secret>")}: literals classified by shape. */
  private static void detectTerraCall(
      String line,
      int lineNumber,
      Set<Integer> seenColumns,
      List<Candidate> secrets,
      List<DevId> devIds) {
    Matcher call = TERRA_CALL.matcher(line);
    while (call.find()) {
      Matcher literal = LITERAL.matcher(call.group("args"));
      int keysSeen = 0;
      while (literal.find()) {
        String value = literal.group(2);
        int valueStart = call.start("args") + literal.start(2);
        boolean keyShaped = Placeholders.plausibleApiKey(value);
        if (keyShaped) {
          keysSeen++;
        }
        if (seenColumns.contains(valueStart)) {
          continue;
        }
        if (keyShaped) {
          Rule rule = keysSeen == 1 ? Rule.API_KEY : Rule.WEBHOOK_SECRET;
          secrets.add(new Candidate(rule, lineNumber, valueStart + 1, value, null, null));
        } else if (value.indexOf('-') > 0 && Placeholders.plausibleDevId(value)) {
          devIds.add(new DevId(lineNumber, valueStart, objectStart(line, valueStart), value));
        }
      }
    }
  }

  /**
   * Pairs each secret with its dev-id: on its own line, the one in the same {@code {...}} object,
   * else the nearest one before it that no earlier secret of the line stands between (so {@code
   * DEV_ID=a KEY=k1 DEV_ID=b KEY=k2} pairs k1 with a and k2 with b), else the first one after it;
   * then the nearest line within {@value #PAIRING_DISTANCE_LINES} lines.
   */
  private static List<Candidate> pair(
      List<Candidate> secrets, List<DevId> devIds, Map<Candidate, Integer> objects) {
    List<Candidate> paired = new ArrayList<>(secrets.size());
    for (Candidate secret : secrets) {
      DevId match = sameLine(secret, objects.getOrDefault(secret, -1), secrets, devIds);
      if (match == null) {
        for (DevId devId : devIds) {
          int distance = Math.abs(devId.line() - secret.line());
          if (distance <= PAIRING_DISTANCE_LINES
              && (match == null || distance < Math.abs(match.line() - secret.line()))) {
            match = devId;
          }
        }
      }
      paired.add(
          match == null
              ? secret
              : new Candidate(
                  secret.rule(),
                  secret.line(),
                  secret.column(),
                  secret.value(),
                  match.value(),
                  secret.variableName()));
    }
    return paired;
  }

  private static DevId sameLine(
      Candidate secret, int object, List<Candidate> secrets, List<DevId> devIds) {
    int column = secret.column() - 1;
    List<DevId> onLine =
        devIds.stream()
            .filter(devId -> devId.line() == secret.line() && devId.column() >= 0)
            .toList();
    if (onLine.isEmpty()) {
      return null;
    }
    if (object >= 0) {
      for (DevId devId : onLine) {
        if (devId.object() == object) {
          return devId;
        }
      }
    }
    // the previous secret of the same kind on this line bounds where this one's dev-id can be
    int previous = -1;
    int next = Integer.MAX_VALUE;
    for (Candidate other : secrets) {
      if (other.line() == secret.line() && other.rule() == secret.rule() && other != secret) {
        int otherColumn = other.column() - 1;
        if (otherColumn < column) {
          previous = Math.max(previous, otherColumn);
        } else {
          next = Math.min(next, otherColumn);
        }
      }
    }
    DevId before = null;
    DevId after = null;
    for (DevId devId : onLine) {
      if (devId.column() < column && devId.column() > previous) {
        if (before == null || devId.column() > before.column()) {
          before = devId;
        }
      } else if (devId.column() > column && devId.column() < next) {
        if (after == null || devId.column() < after.column()) {
          after = devId;
        }
      }
    }
    return before != null ? before : after;
  }

  /** The column of the innermost '{' enclosing {@code column} (quotes respected), or -1. */
  static int objectStart(String line, int column) {
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < Math.min(column, line.length()); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        open.push(i);
      } else if (c == '}' && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.isEmpty() ? -1 : open.peek();
  }
}
