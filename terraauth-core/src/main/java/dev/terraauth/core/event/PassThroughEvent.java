package dev.terraauth.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Any event that is not part of the auth lifecycle: data events, operational events, and types this
 * version does not know. Kept raw; acknowledge it (2xx) and process it as you see fit. Nullable:
 * status.
 */
public record PassThroughEvent(String type, String status, Category category, JsonNode raw)
    implements WebhookEvent {
  /** What kind of pass-through event this is. */
  public enum Category {
    /** Health data: {@code activity}, {@code sleep}, {@code daily}, lab reports, ... */
    DATA,
    /** Delivery plumbing: {@code large_request_*}, {@code s3_payload}, {@code healthcheck}, ... */
    OPERATIONAL,
    /** A type this version does not know (forward compatibility). */
    UNKNOWN
  }

  static final Set<String> DATA_TYPES =
      Set.of(
          "activity",
          "athlete",
          "body",
          "daily",
          "menstruation",
          "nutrition",
          "sleep",
          "planned_workout",
          "hormone",
          "health_observation",
          "lab_report.completed",
          "lab_report.failed");

  static final Set<String> OPERATIONAL_TYPES =
      Set.of(
          "large_request_processing",
          "large_request_sending",
          "s3_payload",
          "healthcheck",
          "google_no_datasource",
          "processing",
          "request_processing",
          "request_completed",
          "rate_limit_hit");

  static Category categoryOf(String type) {
    if (DATA_TYPES.contains(type)) {
      return Category.DATA;
    }
    return OPERATIONAL_TYPES.contains(type) ? Category.OPERATIONAL : Category.UNKNOWN;
  }
}
