package dev.terraauth.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.terraauth.core.client.MobileToken;
import dev.terraauth.core.client.WidgetSession;
import dev.terraauth.core.client.WidgetSessionRequest;
import dev.terraauth.gateway.store.Connection;
import dev.terraauth.gateway.store.ConnectionState;
import dev.terraauth.gateway.store.ConnectionStore;
import dev.terraauth.gateway.terra.TerraUpstream;
import dev.terraauth.gateway.testing.FakeTerra;
import dev.terraauth.gateway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciliation reads every page of Terra's list and every local connection: no cap. */
class ReconcilePagingTest {
  @TempDir Path directory;

  /** A Terra that lists its users in pages, as the real one does with {@code page=}. */
  static final class PagedTerra implements TerraUpstream {
    final FakeTerra inner = new FakeTerra(Clock.systemUTC());
    final AtomicInteger pagesServed = new AtomicInteger();

    @Override
    public WidgetSession createWidgetSession(WidgetSessionRequest request) {
      return inner.createWidgetSession(request);
    }

    @Override
    public MobileToken createMobileToken() {
      return inner.createMobileToken();
    }

    @Override
    public StreamingToken createStreamingToken(String terraUserId) {
      return inner.createStreamingToken(terraUserId);
    }

    @Override
    public void deauthenticate(String terraUserId) {
      inner.deauthenticate(terraUserId);
    }

    @Override
    public List<RemoteUser> subscriptions() {
      throw new AssertionError("reconciliation must page");
    }

    @Override
    public SubscriptionPage subscriptions(int page, int perPage) {
      pagesServed.incrementAndGet();
      List<RemoteUser> all = inner.subscriptions();
      int from = Math.min(all.size(), page * perPage);
      int to = Math.min(all.size(), from + perPage);
      return new SubscriptionPage(all.subList(from, to), to < all.size() ? page + 1 : null);
    }

    @Override
    public Optional<RemoteUser> userInfo(String terraUserId) {
      return inner.userInfo(terraUserId);
    }
  }

  @Test
  void everyRemotePageAndEveryLocalConnectionIsCompared() {
    try (TestDatabase database = TestDatabase.sqlite(directory)) {
      ConnectionStore connections = new ConnectionStore(database.database().jdbi());
      PagedTerra terra = new PagedTerra();
      // 2,300 local connections (over two local pages), none known to Terra any more
      List<Connection> local = new ArrayList<>();
      for (int i = 0; i < 2300; i++) {
        local.add(
            new Connection(
                String.format("local-%05d", i),
                "user-" + i,
                "GARMIN",
                ConnectionState.ACTIVE,
                List.of("A"),
                null,
                null,
                1,
                1,
                1));
      }
      database
          .database()
          .jdbi()
          .useTransaction(handle -> local.forEach(c -> connections.upsert(handle, c)));
      // 1,234 users only Terra knows (three remote pages of 500)
      for (int i = 0; i < 1234; i++) {
        terra.inner.users.add(
            new TerraUpstream.RemoteUser(
                String.format("remote-%05d", i), "OURA", "ref-" + i, "A", true));
      }
      List<Integer> localProgress = new ArrayList<>();
      Reconciler.Report report =
          new Reconciler(database.database(), connections, terra, Clock.systemUTC())
              .reconcile(
                  new Reconciler.Progress() {
                    @Override
                    public void localChecked(int count) {
                      localProgress.add(count);
                    }
                  });

      assertThat(report.ran()).isTrue();
      assertThat(terra.pagesServed.get()).isEqualTo(3);
      assertThat(report.changes()).hasSize(2300 + 1234);
      assertThat(localProgress).containsExactly(1000, 2000, 2300);
      assertThat(connections.find("local-02299").orElseThrow().state())
          .isEqualTo(ConnectionState.DEAUTHENTICATED);
      assertThat(connections.find("remote-01233")).isPresent();
    }
  }
}
