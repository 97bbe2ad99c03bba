package dev.terraauth.emulator;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local Terra for the auth surface. Start one per test class on port 0:
 *
 * <pre>{@code
 * try (TerraEmulator terra = TerraEmulator.builder().port(0).start()) {
 *   URI api = terra.apiBaseUrl();          // http://127.0.0.1:<port>/api/v2
 *   terra.admin().advanceClock(Duration.ofMinutes(16));
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close} stops the server and the webhook sender.
 */
public final class TerraEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TerraEmulator.class);

  /** The emulator's default port. */
  public static final int DEFAULT_PORT = 8789;

  private final Javalin app;
  private final WebhookDispatcher dispatcher;
  private final EmulatorAdmin admin;
  private final EmulatorState state;
  private final StreamingHub streaming;
  private final Profile profile;
  private final URI baseUrl;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private TerraEmulator(Builder builder) {
    this.profile = builder.profile;
    List<EmulatorAccount> accounts = new ArrayList<>(builder.accounts);
    boolean localConfigured =
        accounts.stream().anyMatch(a -> a.devId().equals(EmulatorAccount.LOCAL_DEV_ID));
    if (builder.includeLocalAccount && !localConfigured) {
      accounts.add(0, EmulatorAccount.local());
    }
    this.state = new EmulatorState(accounts);
    if (builder.usersFile != null) {
      state.persistTo(new UserJournal(builder.usersFile));
    }
    EmulatorClock clock = EmulatorClock.of(builder.clock);
    FaultSwitch faults = new FaultSwitch(builder.faults);
    this.dispatcher =
        new WebhookDispatcher(
            clock, builder.retrySchedule, builder.deliveryTimeout, faults, state::account);
    Lifecycle lifecycle =
        new Lifecycle(state, dispatcher, new Events(profile), clock, builder.quirks);
    Sessions sessions = new Sessions(state, clock, builder.quirks);
    Responses responses = new Responses(profile, builder.quirks);
    AtomicReference<String> root = new AtomicReference<>();
    RestApi rest =
        new RestApi(
            state,
            responses,
            new RouteGuard(faults, responses),
            new AuthEndpoints(
                state, responses, sessions, lifecycle, builder.quirks, clock, root::get),
            new UserEndpoints(state, responses, root::get, builder.quirks),
            builder.quirks);
    HostedPages pages = new HostedPages(state, sessions, lifecycle, builder.quirks);
    StreamingTokens streamingTokens = new StreamingTokens();
    this.streaming = new StreamingHub(clock, builder.streaming);
    StreamingTokenEndpoints tokenEndpoints =
        new StreamingTokenEndpoints(
            state, streamingTokens, new RouteGuard(faults, responses), builder.streaming, clock);
    StreamingSocket socket = new StreamingSocket(streaming, streamingTokens, faults);
    this.admin = new EmulatorAdmin(state, lifecycle, dispatcher, clock, faults);
    AdminApi adminApi = new AdminApi(admin, state);
    try {
      this.app =
          Javalin.create(
                  config -> {
                    config.startup.showJavalinBanner = false;
                    config.startup.showOldJavalinVersionWarning = false;
                    config.jetty.host = builder.host;
                    config.jetty.port = builder.port;
                    QueuedThreadPool threads = new QueuedThreadPool(32, 2, 30_000);
                    threads.setName("terra-emulator-http");
                    threads.setDaemon(true);
                    config.jetty.threadPool = threads;
                    config.jetty.modifyWebSocketServletFactory(
                        factory -> {
                          factory.setMaxTextMessageSize(StreamingSocket.MAX_FRAME_BYTES);
                          factory.setMaxBinaryMessageSize(StreamingSocket.MAX_FRAME_BYTES);
                          // heartbeats (40 s) and the emulator clock decide when a socket dies
                          factory.setIdleTimeout(Duration.ofMinutes(10));
                        });
                    config.http.prefer405over404 = true;
                    config.routes.before(TerraEmulator::securityHeaders);
                    rest.register(config.routes);
                    pages.register(config.routes);
                    tokenEndpoints.register(config.routes);
                    socket.register(config.routes);
                    adminApi.register(config.routes);
                    config.routes.exception(RouteGuard.DroppedConnection.class, (e, ctx) -> {});
                    // a caller's malformed JSON or number is their mistake (found by fuzzing)
                    config.routes.exception(
                        com.fasterxml.jackson.core.JacksonException.class,
                        (e, ctx) -> responses.error(ctx, 400, "the body is not valid JSON"));
                    // no route (404), a known path with another method (405), too big (413)
                    config.routes.exception(
                        io.javalin.http.HttpResponseException.class,
                        (e, ctx) -> responses.error(ctx, e.getStatus(), routingDetail(e, ctx)));
                    for (int status : new int[] {404, 405, 413}) {
                      config.routes.error(
                          status,
                          "*",
                          ctx -> {
                            if (ctx.resultInputStream() == null) {
                              responses.error(
                                  ctx,
                                  status,
                                  routingDetail(
                                      new io.javalin.http.HttpResponseException(status), ctx));
                            }
                          });
                    }
                    // admin input out of range (a clock moved past year 1e9): the caller's mistake
                    config.routes.exception(
                        java.time.DateTimeException.class,
                        (e, ctx) ->
                            responses.error(ctx, 400, "a value in the request is out of range"));
                    config.routes.exception(
                        ArithmeticException.class,
                        (e, ctx) ->
                            responses.error(ctx, 400, "a number in the request is out of range"));
                    config.routes.exception(
                        NumberFormatException.class,
                        (e, ctx) ->
                            responses.error(ctx, 400, "a number in the request is malformed"));
                    config.routes.exception(
                        Exception.class,
                        (e, ctx) -> {
                          LOG.warn("emulator error on {} {}", ctx.method(), ctx.path(), e);
                          responses.error(ctx, 500, "internal emulator error");
                        });
                  })
              .start();
    } catch (RuntimeException e) {
      dispatcher.close();
      streaming.close();
      throw e;
    }
    String host =
        builder.host.equals("0.0.0.0") || builder.host.equals("::") ? "127.0.0.1" : builder.host;
    this.baseUrl =
        builder.publicUrl != null
            ? URI.create(builder.publicUrl.toString().replaceAll("/+$", ""))
            : URI.create("http://" + host + ":" + app.port());
    root.set(baseUrl.toString());
  }

  /**
   * Headers on every answer: the hosted pages load only their own stylesheet and logos, run no
   * script, and cannot be framed.
   */
  private static void securityHeaders(io.javalin.http.Context ctx) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors"
            + " 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
  }

  private static String routingDetail(
      io.javalin.http.HttpResponseException e, io.javalin.http.Context ctx) {
    String path = ctx.path().length() > 200 ? ctx.path().substring(0, 200) + "..." : ctx.path();
    String where = ctx.method().name() + " " + path;
    return switch (e.getStatus()) {
      case 404 -> "no such endpoint: " + where;
      case 405 -> where + " is not allowed";
      case 413 -> "the request body of " + where + " is too large";
      default -> e.getMessage() == null ? where : e.getMessage();
    };
  }

  /**
   * A builder: 127.0.0.1, the default port, current profile, the built-in local account.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the server root, e.g. {@code http://127.0.0.1:8789} (hosted pages live under it)} */
  public URI baseUrl() {
    return baseUrl;
  }

  /** {@return the current REST base, {@code <root>/api/v2}} */
  public URI apiBaseUrl() {
    return URI.create(baseUrl + "/api/v2");
  }

  /** {@return the legacy REST base, {@code <root>/v2}} */
  public URI legacyApiBaseUrl() {
    return URI.create(baseUrl + "/v2");
  }

  /**
   * {@return the new widget session endpoint as the docs give it, {@code
   * <root>/api/widget/session}}
   */
  public URI widgetSessionUrl() {
    return URI.create(baseUrl + "/api/widget/session");
  }

  /**
   * {@return the streaming host's root, standing in for {@code https://ws.tryterra.co}: token
   * minting at {@code /auth/user} and {@code /auth/developer}, the socket at {@link
   * #streamingSocketUrl}}
   */
  public URI streamingUrl() {
    return baseUrl;
  }

  /** {@return the streaming socket, {@code ws://<root>/connect}} */
  public URI streamingSocketUrl() {
    return URI.create(baseUrl.toString().replaceFirst("^http", "ws") + "/connect");
  }

  /** {@return the port the server listens on (the real one when started on port 0)} */
  public int port() {
    return app.port();
  }

  /**
   * The API profile served.
   *
   * @return current or legacy
   */
  public Profile profile() {
    return profile;
  }

  /** {@return the configured accounts, the built-in local one first when included} */
  public List<EmulatorAccount> accounts() {
    return state.accounts();
  }

  /**
   * Programmatic control: users, deliveries, clock, triggered events, faults.
   *
   * @return the admin handle
   */
  public EmulatorAdmin admin() {
    return admin;
  }

  /** Stops the server and the webhook sender; pending retries are dropped. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      streaming.close();
      app.stop();
    } finally {
      dispatcher.close();
    }
  }

  /** Configures a {@link TerraEmulator}; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Profile profile = Profile.CURRENT;
    private final List<EmulatorAccount> accounts = new ArrayList<>();
    private boolean includeLocalAccount = true;
    private Clock clock = Clock.systemUTC();
    private Quirks quirks = Quirks.defaults();
    private Faults faults = Faults.none();
    private StreamingSettings streaming = StreamingSettings.defaults();
    private List<Duration> retrySchedule = EmulatorConfig.DEFAULT_RETRY_SCHEDULE;
    private Duration deliveryTimeout = Duration.ofSeconds(8);
    private URI publicUrl;
    private java.nio.file.Path usersFile;

    private Builder() {}

    /**
     * Keeps connected users in this JSON file across restarts (loaded at start, rewritten on every
     * change); by default they live in memory only. Users of accounts not configured are ignored.
     *
     * @param value the JSON file (created when missing)
     * @return this builder
     */
    public Builder usersFile(java.nio.file.Path value) {
      this.usersFile = value;
      return this;
    }

    /**
     * Everything a config file set; later builder calls override it.
     *
     * @param config the parsed configuration
     * @return this builder
     */
    public Builder config(EmulatorConfig config) {
      if (config.port() != null) {
        port(config.port());
      }
      profile(config.profile());
      includeLocalAccount(config.includeLocalAccount());
      accounts(config.accounts());
      quirks(config.quirks());
      faults(config.faults());
      retrySchedule(config.retrySchedule());
      deliveryTimeout(config.deliveryTimeout());
      publicUrl(config.publicUrl());
      streaming(config.streaming());
      return this;
    }

    /**
     * The interface to bind; 127.0.0.1 by default (the admin API has no authentication).
     *
     * @param value the interface to bind; 127.0.0.1 by default (the admin API has no
     *     authentication)
     * @return this builder
     */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /**
     * The port; 0 picks a free one (tests).
     *
     * @param value the port; 0 picks a free one (tests)
     * @return this builder
     */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535");
      }
      this.port = value;
      return this;
    }

    /**
     * Which API profile to serve (default current).
     *
     * @param value the profile
     * @return this builder
     */
    public Builder profile(Profile value) {
      this.profile = Objects.requireNonNull(value, "profile");
      return this;
    }

    /**
     * Adds accounts (an account with the local dev-id replaces the built-in one).
     *
     * @param value the accounts
     * @return this builder
     */
    public Builder accounts(List<EmulatorAccount> value) {
      this.accounts.addAll(value);
      return this;
    }

    /**
     * Adds an account (one with the local dev-id replaces the built-in one).
     *
     * @param value the account
     * @return this builder
     */
    public Builder account(EmulatorAccount value) {
      this.accounts.add(Objects.requireNonNull(value, "account"));
      return this;
    }

    /**
     * Whether the built-in {@code local} account exists; true by default.
     *
     * @param value whether the built-in {@code local} account exists; true by default
     * @return this builder
     */
    public Builder includeLocalAccount(boolean value) {
      this.includeLocalAccount = value;
      return this;
    }

    /**
     * The time source; an {@link EmulatorClock} given here can be advanced by the test too.
     *
     * @param value the time source; an {@link EmulatorClock} given here can be advanced by the test
     *     too
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The behaviours where Terra's documentation and its API differ.
     *
     * @param value the quirks
     * @return this builder
     */
    public Builder quirks(Quirks value) {
      this.quirks = Objects.requireNonNull(value, "quirks");
      return this;
    }

    /**
     * Streaming timeouts and limits (UNCONFIRMED values, see {@link StreamingSettings}).
     *
     * @param value the streaming settings
     * @return this builder
     */
    public Builder streaming(StreamingSettings value) {
      this.streaming = Objects.requireNonNull(value, "streaming");
      return this;
    }

    /**
     * The faults in force from the start.
     *
     * @param value the faults
     * @return this builder
     */
    public Builder faults(Faults value) {
      this.faults = Objects.requireNonNull(value, "faults");
      return this;
    }

    /**
     * Delays between webhook attempts after a failure; its size is the number of retries.
     *
     * @param value the delays, in order
     * @return this builder
     */
    public Builder retrySchedule(List<Duration> value) {
      this.retrySchedule = List.copyOf(value);
      return this;
    }

    /**
     * How long a webhook receiver may take to answer (Terra: about 8 s).
     *
     * @param value how long a webhook receiver may take to answer (Terra: about 8 s)
     * @return this builder
     */
    public Builder deliveryTimeout(Duration value) {
      this.deliveryTimeout = Objects.requireNonNull(value, "deliveryTimeout");
      return this;
    }

    /**
     * The root URL put into hosted-page links, when clients reach the emulator by another name.
     *
     * @param value the root URL put into hosted-page links, when clients reach the emulator by
     *     another name
     * @return this builder
     */
    public Builder publicUrl(URI value) {
      this.publicUrl = value;
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running emulator; close it to stop
     * @throws IllegalArgumentException when two accounts share a dev-id
     */
    public TerraEmulator start() {
      return new TerraEmulator(this);
    }
  }
}
