package dev.terraauth.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A provider Terra integrates, with what the emulator needs to show and grant it. */
record Provider(String id, String name, boolean sdk, String scopes, List<String> dataTypes) {
  static final List<String> ALL_TYPES =
      List.of("activity", "body", "nutrition", "daily", "sleep", "menstruation");

  /** The providers the emulator knows; mobile-SDK ones connect through a token, not a page. */
  static final List<Provider> CATALOGUE =
      List.of(
          cloud("GARMIN", "Garmin", "ACTIVITY_EXPORT,HEALTH_EXPORT", ALL_TYPES),
          cloud("FITBIT", "Fitbit", "activity,heartrate,sleep,weight,profile", ALL_TYPES),
          cloud("OURA", "Oura", "daily,heartrate,personal,session,sleep,workout,email", ALL_TYPES),
          cloud("WITHINGS", "Withings", "user.info,user.metrics,user.activity", ALL_TYPES),
          cloud("POLAR", "Polar", "accesslink.read_all", List.of("activity", "daily", "sleep")),
          cloud("GOOGLE", "Google Fit", "fitness.activity.read,fitness.body.read", ALL_TYPES),
          cloud("STRAVA", "Strava", "activity:read_all,profile:read_all", List.of("activity")),
          cloud("SUUNTO", "Suunto", "workout", List.of("activity", "daily", "sleep")),
          cloud("WAHOO", "Wahoo", "workouts_read,user_read", List.of("activity")),
          cloud("WHOOP", "WHOOP", "read:recovery,read:cycles,read:sleep", ALL_TYPES),
          sdk("APPLE", "Apple Health", "HEALTHKIT"),
          sdk("SAMSUNG", "Samsung Health", "SAMSUNG_HEALTH"),
          sdk("HEALTH_CONNECT", "Health Connect", "HEALTH_CONNECT"));

  private static Provider cloud(String id, String name, String scopes, List<String> types) {
    return new Provider(id, name, false, scopes, types);
  }

  private static Provider sdk(String id, String name, String scopes) {
    return new Provider(id, name, true, scopes, ALL_TYPES);
  }

  static Optional<Provider> find(String id) {
    return CATALOGUE.stream().filter(provider -> provider.id.equalsIgnoreCase(id)).findFirst();
  }

  /** The {@code IntegrationProvider} shape of {@code /integrations/detailed}. */
  Map<String, Object> detailed(String iconBase, boolean enabled) {
    Map<String, Object> types = new LinkedHashMap<>();
    for (String type : ALL_TYPES) {
      types.put(type, dataTypes.contains(type));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("provider", id);
    json.put("name", name);
    json.put(
        "icon",
        iconBase
            + "/static/assets/img/app_icons/"
            + id.toLowerCase(java.util.Locale.ROOT)
            + ".webp");
    json.put("setup", sdk ? "SDK" : "API_KEYS_MANAGED");
    json.put("enabled", enabled);
    json.put("types", types);
    return json;
  }
}
