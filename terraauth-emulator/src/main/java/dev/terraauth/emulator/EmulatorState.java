package dev.terraauth.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything the emulator remembers: accounts, users, widget sessions, consent flows and mobile
 * tokens. One lock guards all of it (the emulator is a test bed, not a database), which keeps the
 * user cap and reconnect rules exact under concurrent requests.
 */
final class EmulatorState {
  private final Map<String, EmulatorAccount> accounts;
  private final List<String> devIds;
  private final Map<String, EmulatedUser> users = new LinkedHashMap<>();
  // insertion order, which is expiry order for entries of one kind (each has a fixed lifetime):
  // pruning takes the eldest, never scans the rest
  private final Map<String, WidgetSession> sessions = new LinkedHashMap<>();
  private final Map<String, AuthFlow> flows = new LinkedHashMap<>();
  private final Map<String, MobileToken> tokens = new LinkedHashMap<>();
  private final Set<String> usedTokens = new java.util.HashSet<>();
  private final Set<String> finishedFlows = new java.util.HashSet<>();
  private UserJournal journal;

  EmulatorState(List<EmulatorAccount> accounts) {
    Map<String, EmulatorAccount> byDevId = new LinkedHashMap<>();
    for (EmulatorAccount account : accounts) {
      if (byDevId.putIfAbsent(account.devId(), account) != null) {
        throw new IllegalArgumentException("dev-id " + account.devId() + " is configured twice");
      }
    }
    this.accounts = new java.util.concurrent.ConcurrentHashMap<>(byDevId);
    this.devIds = List.copyOf(byDevId.keySet());
  }

  /** Keeps the users in {@code file} from now on, starting with the ones it already holds. */
  synchronized void persistTo(UserJournal file) {
    for (EmulatedUser user : file.load()) {
      if (accounts.containsKey(user.devId())) {
        users.put(user.userId(), user);
      }
    }
    this.journal = file;
  }

  /** Called (under the lock) after every change of {@link #users}. */
  private void usersChanged() {
    if (journal != null) {
      journal.save(users.values());
    }
  }

  /** The accounts in configuration order. */
  List<EmulatorAccount> accounts() {
    return devIds.stream().map(accounts::get).toList();
  }

  /** Points an account's webhooks somewhere else (later deliveries and retries go there). */
  Optional<EmulatorAccount> changeWebhookUrl(String devId, java.net.URI url) {
    return Optional.ofNullable(
        devId == null ? null : accounts.computeIfPresent(devId, (id, a) -> a.withWebhookUrl(url)));
  }

  Optional<EmulatorAccount> account(String devId) {
    return Optional.ofNullable(devId == null ? null : accounts.get(devId));
  }

  /** The account when both headers match; the key is compared in constant time. */
  Optional<EmulatorAccount> authenticate(String devId, String apiKey) {
    EmulatorAccount account = devId == null ? null : accounts.get(devId);
    byte[] expected =
        (account == null ? "no-such-account-0000" : account.apiKey())
            .getBytes(StandardCharsets.UTF_8);
    boolean keyMatches = MessageDigest.isEqual(expected, apiKey.getBytes(StandardCharsets.UTF_8));
    return account != null && keyMatches ? Optional.of(account) : Optional.empty();
  }

  /** The outcome of connecting a user: the new user and the users it replaced (reconnect). */
  record Connection(EmulatedUser user, List<EmulatedUser> replaced) {}

  /**
   * Creates a user, replacing earlier connections of the same provider account under the same
   * non-empty reference id (for mobile-SDK providers: of the same (reference id, provider)).
   *
   * @return empty when the environment's user cap would be exceeded
   */
  synchronized Optional<Connection> connect(
      EmulatorAccount account,
      Provider provider,
      String providerAccount,
      String referenceId,
      String userId,
      Instant now) {
    List<EmulatedUser> replaced = new ArrayList<>();
    if (referenceId != null && !referenceId.isEmpty()) {
      for (EmulatedUser user : users.values()) {
        if (user.devId().equals(account.devId())
            && user.provider().equals(provider.id())
            && referenceId.equals(user.referenceId())
            && (provider.sdk() || user.providerAccount().equals(providerAccount))) {
          replaced.add(user);
        }
      }
    }
    if (userCount(account.devId()) - replaced.size() >= account.userCap()) {
      return Optional.empty();
    }
    replaced.forEach(user -> users.remove(user.userId()));
    EmulatedUser user =
        new EmulatedUser(
            userId == null ? UUID.randomUUID().toString() : userId,
            account.devId(),
            provider.id(),
            providerAccount,
            referenceId,
            provider.scopes(),
            now,
            true,
            null);
    users.put(user.userId(), user);
    usersChanged();
    return Optional.of(new Connection(user, List.copyOf(replaced)));
  }

  synchronized int userCount(String devId) {
    return (int) users.values().stream().filter(user -> user.devId().equals(devId)).count();
  }

  synchronized boolean isFull(EmulatorAccount account) {
    return userCount(account.devId()) >= account.userCap();
  }

  synchronized Optional<EmulatedUser> user(String devId, String userId) {
    EmulatedUser user = userId == null ? null : users.get(userId);
    return user != null && user.devId().equals(devId) ? Optional.of(user) : Optional.empty();
  }

  synchronized Optional<EmulatedUser> user(String userId) {
    return Optional.ofNullable(userId == null ? null : users.get(userId));
  }

  synchronized List<EmulatedUser> users(String devId) {
    return users.values().stream()
        .filter(user -> devId == null || user.devId().equals(devId))
        .sorted(Comparator.comparing(EmulatedUser::createdAt))
        .toList();
  }

  synchronized List<EmulatedUser> usersByReference(String devId, String referenceId) {
    return users(devId).stream().filter(user -> referenceId.equals(user.referenceId())).toList();
  }

  synchronized Optional<EmulatedUser> remove(String devId, String userId) {
    Optional<EmulatedUser> user = user(devId, userId);
    user.ifPresent(found -> users.remove(found.userId()));
    if (user.isPresent()) {
      usersChanged();
    }
    return user;
  }

  synchronized Optional<EmulatedUser> update(String userId, UnaryOperator<EmulatedUser> change) {
    EmulatedUser user = userId == null ? null : users.get(userId);
    if (user == null) {
      return Optional.empty();
    }
    EmulatedUser changed = change.apply(user);
    users.put(userId, changed);
    usersChanged();
    return Optional.of(changed);
  }

  /** Beyond this many entries, expired sessions, flows and tokens are forgotten. */
  static final int PRUNE_ABOVE = 10_000;

  /**
   * Forgets the eldest entries, while there are more than {@link #PRUNE_ABOVE}, that expired a day
   * before {@code newest} does; stops at the first younger one. Checking every entry on each put
   * made each request above the threshold cost a scan of them all (the emulator's widget sessions
   * slowed from 0.3 to 2 ms within a minute of load, none yet expired).
   */
  private static <V> void forgetEldest(
      Map<String, V> entries, Function<V, Instant> expiry, Instant newest, Set<String> alsoForget) {
    Instant cutoff = newest.minus(Duration.ofDays(1));
    Iterator<Map.Entry<String, V>> eldest = entries.entrySet().iterator();
    while (entries.size() > PRUNE_ABOVE && eldest.hasNext()) {
      Map.Entry<String, V> entry = eldest.next();
      if (!expiry.apply(entry.getValue()).isBefore(cutoff)) {
        return;
      }
      eldest.remove();
      if (alsoForget != null) {
        alsoForget.remove(entry.getKey());
      }
    }
  }

  /** How many widget sessions, consent flows and mobile tokens are remembered. */
  record Remembered(int sessions, int flows, int tokens) {}

  synchronized Remembered remembered() {
    return new Remembered(sessions.size(), flows.size(), tokens.size());
  }

  synchronized void put(WidgetSession session) {
    forgetEldest(sessions, WidgetSession::expiresAt, session.expiresAt(), null);
    sessions.put(session.sessionId(), session);
  }

  synchronized Optional<WidgetSession> session(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId));
  }

  synchronized void put(AuthFlow flow) {
    forgetEldest(flows, AuthFlow::expiresAt, flow.expiresAt(), finishedFlows);
    flows.put(flow.flowId(), flow);
  }

  synchronized Optional<AuthFlow> flow(String flowId) {
    return Optional.ofNullable(flows.get(flowId));
  }

  synchronized boolean isFinished(String flowId) {
    return finishedFlows.contains(flowId);
  }

  /** Marks a flow finished; false when it already was (a consent is used once). */
  synchronized boolean finish(String flowId) {
    return finishedFlows.add(flowId);
  }

  synchronized void put(MobileToken token) {
    forgetEldest(tokens, MobileToken::expiresAt, token.expiresAt(), usedTokens);
    tokens.put(token.token(), token);
  }

  /** Why a mobile token was refused, or {@code OK}. */
  enum Redemption {
    OK,
    UNKNOWN,
    ALREADY_USED,
    EXPIRED,
    OTHER_DEV_ID
  }

  /** Consumes a token for {@code devId}; only {@code OK} consumes it. */
  synchronized Redemption redeem(String token, String devId, Instant now) {
    MobileToken found = token == null ? null : tokens.get(token);
    if (found == null) {
      return Redemption.UNKNOWN;
    }
    if (usedTokens.contains(token)) {
      return Redemption.ALREADY_USED;
    }
    if (!now.isBefore(found.expiresAt())) {
      return Redemption.EXPIRED;
    }
    if (!found.devId().equals(devId)) {
      return Redemption.OTHER_DEV_ID;
    }
    usedTokens.add(token);
    return Redemption.OK;
  }
}
