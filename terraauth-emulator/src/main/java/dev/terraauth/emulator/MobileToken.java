package dev.terraauth.emulator;

import java.time.Instant;

/** A mobile SDK token from {@code generateAuthToken}: single use, short-lived, one dev-id. */
record MobileToken(String token, String devId, Instant expiresAt) {}
