package dev.terraauth.core.client;

import java.net.URI;

/**
 * The answer of {@code POST /auth/authenticateUser}.
 *
 * @param userId the user id Terra allocated before the user finished logging in
 * @param authUrl the provider login page to send the user to
 */
public record AuthLink(String userId, URI authUrl) {}
