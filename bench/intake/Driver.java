import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request side of bench/intake, run as a single source file ({@code java Driver.java MODE
 * --key value ...}); wrk does the sending:
 *
 * <ul>
 *   <li>{@code sign --secret S --count N --threads T --dir D [--body-bytes 2048]}: writes N
 *       pre-signed Terra webhooks, each with its own trace id and body, split over T files {@code
 *       D/requests-<i>.txt} (one per wrk thread; a line is trace, signature, ordering timestamp and
 *       body, tab-separated);
 *   <li>{@code count --jdbc URL}: prints the number of stored webhook deliveries;
 *   <li>{@code sql --jdbc URL --exec SQL}: runs one statement (schema set-up).
 * </ul>
 */
public final class Driver {
  private static final HexFormat HEX = HexFormat.of();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    switch (args[0]) {
      case "sign" -> sign(options);
      case "count" -> count(options.get("jdbc"));
      case "sql" -> sql(options.get("jdbc"), options.get("exec"));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }

  private static void sign(Map<String, String> options) throws Exception {
    byte[] secret = options.get("secret").getBytes(StandardCharsets.UTF_8);
    int count = Integer.parseInt(options.get("count"));
    int threads = Integer.parseInt(options.get("threads"));
    int bodyBytes = Integer.parseInt(options.getOrDefault("body-bytes", "2048"));
    Path dir = Path.of(options.get("dir"));
    long t = System.currentTimeMillis() / 1000;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    List<BufferedWriter> files = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      files.add(Files.newBufferedWriter(dir.resolve("requests-" + i + ".txt")));
    }
    for (int i = 0; i < count; i++) {
      // random, like production trace ids: no index gets the easy ride of increasing keys
      String trace = UUID.randomUUID().toString();
      byte[] body = body(trace, bodyBytes);
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      String signature = "t=" + t + ",v1=" + HEX.formatHex(mac.doFinal(body));
      BufferedWriter out = files.get(i % threads);
      out.write(trace + "\t" + signature + "\t" + (t * 1000 + i) + "\t");
      out.write(new String(body, StandardCharsets.UTF_8));
      out.write('\n');
    }
    for (BufferedWriter file : files) {
      file.close();
    }
  }

  /** A Terra data event of about {@code size} bytes (Terra's traffic is mostly data events). */
  private static byte[] body(String trace, int size) {
    String head =
        "{\"type\":\"activity\",\"user\":{\"user_id\":\"bench-user-"
            + (trace.hashCode() & 1023)
            + "\",\"provider\":\"GARMIN\",\"reference_id\":\"bench\"},\"data\":[{\"id\":\""
            + trace
            + "\",\"samples\":\"";
    String tail = "\"}]}";
    int padding = Math.max(0, size - head.length() - tail.length());
    return (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.UTF_8);
  }

  private static void count(String jdbc) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbc);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM webhook_delivery")) {
      rows.next();
      System.out.println(rows.getLong(1));
    }
  }

  private static void sql(String jdbc, String exec) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbc);
        Statement statement = connection.createStatement()) {
      statement.execute(exec);
    }
  }
}
