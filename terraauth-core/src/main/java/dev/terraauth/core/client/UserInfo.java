package dev.terraauth.core.client;

import dev.terraauth.core.user.TerraUser;

/**
 * The answer of {@code GET /userInfo?user_id=...}: the connection, whether it is authenticated and
 * the polling metadata only this endpoint returns.
 *
 * @param user the connection
 * @param authenticated {@code is_authenticated}; false when Terra omitted it
 * @param lastPolledAt last time Terra polled the provider, nullable
 * @param mostRecentDataAt most recent data point Terra holds, nullable
 */
public record UserInfo(
    TerraUser user, boolean authenticated, String lastPolledAt, String mostRecentDataAt) {}
