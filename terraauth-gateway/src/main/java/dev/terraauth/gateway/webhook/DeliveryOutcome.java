package dev.terraauth.gateway.webhook;

import java.util.Locale;

/** What receiving one verified delivery did; stored (except {@link #DUPLICATE}) on the delivery. */
public enum DeliveryOutcome {
  /** The event changed connection or session state. */
  APPLIED,
  /** Older (by ordering timestamp) than what the connection already reflects: nothing changed. */
  STALE,
  /** Not an auth event the gateway tracks: stored only. */
  IGNORED,
  /** An auth outcome for a session this gateway never issued. */
  ORPHAN,
  /** Its trace id or signature identity was seen before: nothing stored, nothing changed. */
  DUPLICATE;

  /** The lower-case name used in the database, metrics and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryOutcome ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
