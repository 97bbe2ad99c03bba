package dev.terraauth.core.client;

import dev.terraauth.core.config.Secret;
import java.time.Instant;

/**
 * A single-use mobile SDK token from {@code POST /auth/generateAuthToken}. The token is a {@link
 * Secret}: hand it to the app with {@code token().reveal()}, never log it.
 *
 * @param token the token
 * @param expiresAt absolute expiry: request time plus {@code expires_in} (180 s when absent)
 */
public record MobileToken(Secret token, Instant expiresAt) {}
