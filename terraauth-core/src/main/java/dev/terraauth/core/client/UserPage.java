package dev.terraauth.core.client;

import dev.terraauth.core.user.TerraUser;
import java.util.List;

/**
 * One page of {@code GET /subscriptions?page=N}.
 *
 * @param users the connections on this page
 * @param nextPage the next page number, null on the last page
 * @param maxPage the highest page index
 */
public record UserPage(List<TerraUser> users, Integer nextPage, int maxPage) {
  /**
   * Copies the collections (unmodifiable).
   *
   * @param users the connections on this page
   * @param nextPage the next page number, null on the last page
   * @param maxPage the highest page index
   */
  public UserPage {
    users = List.copyOf(users);
  }

  /** {@return whether another page follows} */
  public boolean hasNext() {
    return nextPage != null;
  }
}
