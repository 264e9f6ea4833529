package network.hermes.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.hub.chain.ChainView;
import network.hermes.hub.core.ChannelMath;
import network.hermes.hub.core.HubPolicy;
import network.hermes.hub.crypto.Verifier;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.hub.relay.RelayService;
import network.hermes.hub.service.Service;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.wire.ErrorBody;
import network.hermes.promise.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: its pages (built into the hub's resources under {@code dashboard/}) at {@code
 * /dashboard/}, and their JSON API under {@code /api/dashboard}. Operators log in with the
 * configured token or a signature of the operator key; providers with a signature of their identity
 * key over a challenge, in the {@code Authorization: Signature} scheme of the signed provider
 * endpoints. As a service it samples the traffic series and the chain head.
 */
public final class Dashboard implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  public static final String PAGES = "/dashboard";
  public static final String API = "/api/dashboard";

  static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);

  /** One hour of samples. */
  private static final int SAMPLES = 720;

  private static final Pattern HEX_FRAGMENT = Pattern.compile("(0x)?[0-9a-f]{0,40}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Vertx vertx;
  private final DashboardSettings settings;
  private final HubPolicy policy;
  private final Verifier verifier;
  private final Optional<ChainClient> client;
  private final HubMetrics metrics;
  private final Clock clock;
  private final Sessions sessions;
  private final Traffic traffic = new Traffic(SAMPLES);
  private final AtomicLong chainHead = new AtomicLong(-1);
  private final OperatorView operator;
  private final ProviderView provider;
  private final RelayRetry relayRetry;
  private long timer = -1;

  /**
   * @param client the chain the hub follows, for the watcher's lag (empty offline)
   * @param relay the relay, or null when it is off
   * @param leaseHeld whether this instance holds the chain-duties lease
   */
  public Dashboard(
      Vertx vertx,
      DashboardSettings settings,
      Pool pool,
      HubPolicy policy,
      ChannelMath channels,
      ChainView chain,
      HubMetrics metrics,
      Verifier verifier,
      Optional<ChainClient> client,
      RelayService relay,
      BooleanSupplier leaseHeld,
      String instanceId,
      Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.policy = policy;
    this.verifier = verifier;
    this.client = client;
    this.metrics = metrics;
    this.clock = clock;
    this.sessions = new Sessions(clock, settings.sessionTtl());
    this.operator =
        new OperatorView(
            pool, chain, metrics, traffic, this::chainHead, leaseHeld, instanceId, clock);
    this.provider = new ProviderView(pool, chain, channels, relay);
    this.relayRetry = new RelayRetry(pool, clock);
  }

  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public void start() {
    traffic.sample(clock.instant(), Traffic.read(metrics.registry()));
    timer = vertx.setPeriodic(SAMPLE_INTERVAL.toMillis(), id -> sample());
  }

  @Override
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void sample() {
    traffic.sample(clock.instant(), Traffic.read(metrics.registry()));
    client.ifPresent(
        c ->
            vertx
                .executeBlocking(c::blockNumber, false)
                .onSuccess(chainHead::set)
                .onFailure(e -> LOG.debug("chain head not read: {}", e.toString())));
  }

  private OptionalLong chainHead() {
    long h = chainHead.get();
    return h < 0 ? OptionalLong.empty() : OptionalLong.of(h);
  }

  /** Adds the pages and the API to a router of the hub (one per event loop). */
  public void mount(Router router) {
    if (!settings.enabled()) {
      return;
    }
    router
        .get(PAGES)
        .handler(
            ctx -> {
              // the route matches /dashboard/ as well; only the bare path needs the slash
              if (ctx.request().path().equals(PAGES)) {
                ctx.redirect(PAGES + "/");
              } else {
                ctx.next();
              }
            });
    router
        .route(PAGES + "/*")
        .handler(
            ctx -> {
              ctx.response()
                  .putHeader(
                      "Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer");
              ctx.next();
            })
        .handler(StaticHandler.create("dashboard").setIndexPage("index.html"));

    router.get(API + "/challenge").handler(this::challenge);
    router.post(API + "/login").handler(this::login);
    router.get(API + "/session").handler(ctx -> withSession(ctx, false, s -> sessionJson(s)));
    router
        .get(API + "/operator/overview")
        .handler(ctx -> withSession(ctx, true, s -> operator.overview(chainId(ctx))));
    router.get(API + "/operator/consumers").handler(ctx -> channels(ctx, false));
    router.get(API + "/operator/providers").handler(ctx -> channels(ctx, true));
    router
        .get(API + "/provider/overview")
        .handler(
            ctx -> withSession(ctx, false, s -> provider.overview(chainId(ctx), s.identity())));
    router.post(API + "/relay/:id/retry").handler(this::retryRelayJob);
  }

  /** POST: a provider's own stuck relay job, or any for the operator, goes back to the queue. */
  private void retryRelayJob(RoutingContext ctx) {
    withSession(
        ctx,
        false,
        s -> {
          String id = ctx.pathParam("id");
          long chainId = chainId(ctx);
          Optional<Address> owner =
              s.role() == Sessions.Role.OPERATOR ? Optional.empty() : Optional.of(s.identity());
          return relayRetry
              .retry(chainId, id, owner)
              .map(
                  outcome ->
                      switch (outcome) {
                        case RelayRetry.Queued q -> {
                          LOG.info("relay job {} queued again by {}", id, s.identity().toHex());
                          yield q.job();
                        }
                        case RelayRetry.Unknown u ->
                            throw new Refusal(
                                DashboardError.NOT_FOUND,
                                "no relay job " + id + " of yours on chain " + chainId);
                        case RelayRetry.NotStuck n ->
                            throw new Refusal(
                                DashboardError.NOT_RETRYABLE,
                                "relay job "
                                    + id
                                    + " is "
                                    + n.state()
                                    + (n.state().equals("queued") ? " for its first attempt" : "")
                                    + "; only a failed job or one waiting to be tried again can be"
                                    + " retried");
                      });
        });
  }

  private void challenge(RoutingContext ctx) {
    var n = Json.object();
    n.put("challenge", sessions.challenge());
    n.put("valid_seconds", Sessions.CHALLENGE_TTL.toSeconds());
    send(ctx, 200, n);
  }

  /**
   * POST login: body {@code {"identity":"0x…","challenge":"…"}}, header {@code Authorization:
   * Signature <base64 of a 65-byte signature over keccak256(body)>} by that identity.
   */
  private void login(RoutingContext ctx) {
    byte[] body = ctx.body() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Signature ")) {
      refuse(ctx, DashboardError.LOGIN_REQUIRED, "an Authorization: Signature header is required");
      return;
    }
    JsonNode json;
    Address identity;
    String challenge;
    try {
      json = MAPPER.readTree(body);
      identity = Address.fromHex(json.path("identity").asText());
      challenge = json.path("challenge").asText();
    } catch (Exception e) {
      refuse(
          ctx,
          DashboardError.MALFORMED_REQUEST,
          "the body must be {\"identity\":\"0x…\",\"challenge\":\"…\"}");
      return;
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(header.substring("Signature ".length()).trim());
    } catch (IllegalArgumentException e) {
      refuse(ctx, DashboardError.INVALID_SIGNATURE, "the Authorization signature is not base64");
      return;
    }
    if (sig.length != Signature.SIZE) {
      refuse(ctx, DashboardError.INVALID_SIGNATURE, "the signature must have 65 bytes");
      return;
    }
    Optional<Address> signer = verifier.signer(Keccak.hash(body), Signature.of(sig));
    if (signer.isEmpty() || !signer.get().equals(identity)) {
      refuse(
          ctx,
          DashboardError.INVALID_SIGNATURE,
          "the signature is not by " + identity.toHex() + " over this body");
      return;
    }
    if (!sessions.redeem(challenge)) {
      refuse(
          ctx,
          DashboardError.CHALLENGE_REFUSED,
          "the challenge is not this hub's, older than "
              + Sessions.CHALLENGE_TTL.toMinutes()
              + " minutes, or used; ask for a new one");
      return;
    }
    Sessions.Role role =
        identity.equals(policy.operator()) ? Sessions.Role.OPERATOR : Sessions.Role.PROVIDER;
    String token = sessions.open(role, identity);
    var n = sessionJson(sessions.session(token).orElseThrow()).result();
    n.put("token", token);
    send(ctx, 200, n);
  }

  private Future<com.fasterxml.jackson.databind.node.ObjectNode> sessionJson(Sessions.Session s) {
    var n = Json.object();
    n.put("role", s.role().name().toLowerCase(java.util.Locale.ROOT));
    n.put("identity", s.identity().toHex());
    Json.time(n, "expires_at", s.expires());
    var chains = n.putArray("chain_ids");
    policy.chainIds().forEach(c -> chains.add(c.value()));
    return Future.succeededFuture(n);
  }

  private void channels(RoutingContext ctx, boolean providers) {
    withSession(
        ctx,
        true,
        s -> {
          String q = ctx.request().getParam("q", "").trim().toLowerCase(java.util.Locale.ROOT);
          if (!HEX_FRAGMENT.matcher(q).matches()) {
            throw new Refusal(
                DashboardError.MALFORMED_REQUEST, "q must be a fragment of a hex address");
          }
          int page = intParam(ctx, "page", 0, 0, Integer.MAX_VALUE / OperatorView.MAX_PAGE_SIZE);
          int size = intParam(ctx, "size", OperatorView.PAGE_SIZE, 1, OperatorView.MAX_PAGE_SIZE);
          return operator.channels(chainId(ctx), providers, q, page, size);
        });
  }

  private long chainId(RoutingContext ctx) {
    String given = ctx.request().getParam("chain");
    long first = policy.chainIds().iterator().next().value();
    if (given == null) {
      return first;
    }
    try {
      long id = Long.parseLong(given);
      if (policy.chainIds().contains(ChainId.of(id))) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Refusal(
        DashboardError.NOT_FOUND, "this hub serves chains " + policy.chainIds() + ", not " + given);
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Refusal(
        DashboardError.MALFORMED_REQUEST, name + " must be an integer from " + min + " to " + max);
  }

  private interface View {
    Future<? extends JsonNode> answer(Sessions.Session session);
  }

  /** Runs a view for the request's session; operator views refuse provider sessions. */
  private void withSession(RoutingContext ctx, boolean operatorOnly, View view) {
    Optional<Sessions.Session> session = authenticate(ctx);
    if (session.isEmpty()) {
      refuse(
          ctx,
          DashboardError.LOGIN_REQUIRED,
          "log in first: Authorization: Bearer <session or operator token>");
      return;
    }
    if (operatorOnly && session.get().role() != Sessions.Role.OPERATOR) {
      refuse(ctx, DashboardError.OPERATOR_ONLY, "this view is for the hub's operator");
      return;
    }
    Future<? extends JsonNode> answer;
    try {
      answer = view.answer(session.get());
    } catch (Refusal r) {
      refuse(ctx, r.error, r.getMessage());
      return;
    }
    answer.onComplete(
        ar -> {
          if (ar.succeeded()) {
            send(ctx, 200, ar.result());
          } else if (ar.cause() instanceof Refusal r) {
            refuse(ctx, r.error, r.getMessage());
          } else {
            LOG.error("{} failed", ctx.request().path(), ar.cause());
            refuse(ctx, DashboardError.INTERNAL_ERROR, "internal error, nothing was changed");
          }
        });
  }

  private Optional<Sessions.Session> authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return Optional.empty();
    }
    String token = header.substring("Bearer ".length()).trim();
    if (settings.operatorToken().isPresent()
        && Sessions.constantTimeEquals(token, settings.operatorToken().get())) {
      return Optional.of(
          new Sessions.Session(
              Sessions.Role.OPERATOR, policy.operator(), clock.instant().plus(sessions.ttl())));
    }
    return sessions.session(token);
  }

  private static void send(RoutingContext ctx, int status, JsonNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body.toString());
  }

  private static void refuse(RoutingContext ctx, DashboardError e, String message) {
    ctx.response()
        .setStatusCode(e.status())
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(WireJson.writeError(new ErrorBody(e.cause(), message, null)));
  }

  /** A refusal raised while reading a request's parameters. */
  private static final class Refusal extends RuntimeException {
    private final DashboardError error;

    Refusal(DashboardError error, String message) {
      super(message, null, false, false);
      this.error = error;
    }
  }
}
