package dev.terraauth.emulator;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Provider logos for the hosted widget: a monogram on each provider's colour, drawn here as SVG
 * (the emulator ships no one's artwork). Served beside the icons {@code /integrations/detailed}
 * lists, as {@code <id>.svg}.
 */
final class Logos {
  private static final Map<String, String> COLOURS =
      Map.ofEntries(
          Map.entry("GARMIN", "#007cc3"),
          Map.entry("FITBIT", "#00a0a8"),
          Map.entry("OURA", "#2b2d42"),
          Map.entry("WITHINGS", "#0b8793"),
          Map.entry("POLAR", "#d10027"),
          Map.entry("GOOGLE", "#4285f4"),
          Map.entry("STRAVA", "#fc4c02"),
          Map.entry("SUUNTO", "#3b4252"),
          Map.entry("WAHOO", "#0057b8"),
          Map.entry("WHOOP", "#1f1f1f"),
          Map.entry("APPLE", "#ff2d55"),
          Map.entry("SAMSUNG", "#1428a0"),
          Map.entry("HEALTH_CONNECT", "#34a853"));

  private Logos() {}

  /** The path of a provider's logo. */
  static String path(Provider provider) {
    return "/api/v2/static/assets/img/app_icons/" + provider.id().toLowerCase(Locale.ROOT) + ".svg";
  }

  /** Writes the logo of {@code provider}. */
  static void serve(Context ctx, Provider provider) {
    ctx.status(200)
        .contentType("image/svg+xml")
        .header("Cache-Control", "public, max-age=86400")
        .result(svg(provider).getBytes(StandardCharsets.UTF_8));
  }

  static String svg(Provider provider) {
    String colour = COLOURS.getOrDefault(provider.id(), "#475467");
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64"
        + " 64\" role=\"img\" aria-label=\""
        + Html.escape(provider.name())
        + "\"><rect width=\"64\" height=\"64\" rx=\"16\" fill=\""
        + colour
        + "\"/><text x=\"32\" y=\"41\" text-anchor=\"middle\" font-family=\"Helvetica, Arial,"
        + " sans-serif\" font-size=\"24\" font-weight=\"700\" fill=\"#fff\">"
        + Html.escape(monogram(provider.name()))
        + "</text></svg>";
  }

  /** "Google Fit" -> "GF", "Garmin" -> "Ga". */
  static String monogram(String name) {
    String[] words = name.trim().split("\\s+");
    if (words.length > 1) {
      return ("" + words[0].charAt(0) + words[1].charAt(0)).toUpperCase(Locale.ROOT);
    }
    String word = words[0];
    return word.length() == 1
        ? word.toUpperCase(Locale.ROOT)
        : word.substring(0, 1).toUpperCase(Locale.ROOT)
            + word.substring(1, 2).toLowerCase(Locale.ROOT);
  }
}
