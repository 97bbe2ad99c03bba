package dev.terraauth.core.config;

/** A value as one source holds it, before validation. toString never shows the value. */
record RawValue(String variable, String value, Origin origin) {
  @Override
  public String toString() {
    return variable + " from " + origin;
  }
}
