package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;
import java.util.function.Supplier;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.relay.FeeKind;
import network.hermes.hub.relay.JobKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires paths to handlers and every HTTP-level failure to the JSON error shape. Nothing else. */
public final class HubRouter {
  private static final Logger LOG = LoggerFactory.getLogger(HubRouter.class);

  public static final String BASE = "/api/v2";

  /** The relay (transactor) API, with the upstream transactor's paths. */
  public static final String RELAY = "/api/v1/transactor";

  private HubRouter() {}

  /**
   * @param ready answers /readyz
   * @param scrape the Prometheus text for /metrics
   * @param more adds routes of other features (the dashboard)
   */
  public static Router create(
      Vertx vertx,
      ApiContext api,
      long maxBodyBytes,
      Supplier<Future<String>> ready,
      Supplier<String> scrape,
      Consumer<Router> more) {
    Router router = Router.router(vertx);
    router
        .route()
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .failureHandler(ctx -> failed(ctx, maxBodyBytes));

    router.post(BASE + "/request_promise").handler(new RequestPromiseHandler(api));
    router.post(BASE + "/reveal_r").handler(new RevealRHandler(api));
    router.post(BASE + "/pay_and_settle").handler(new PayAndSettleHandler(api));
    router.post(BASE + "/change_promise_fee").handler(new ChangePromiseFeeHandler(api));
    router.get(BASE + "/data/consumer/:identity").handler(new ConsumerDataHandler(api));
    router
        .get(BASE + "/data/provider/:identity")
        .handler(new ProviderDataHandler(api, ChannelKind.EARNINGS));
    router
        .get(BASE + "/data/provider/:identity/withdrawal")
        .handler(new ProviderDataHandler(api, ChannelKind.WITHDRAWAL));
    router.post(BASE + "/provider/sync_promise").handler(new SyncPromiseHandler(api));
    router.post(BASE + "/refresh_promise").handler(new RefreshPromiseHandler(api));

    for (FeeKind kind : FeeKind.values()) {
      router.get(RELAY + "/fee/:chain/" + kind.path()).handler(new RelayFeeHandler(api, kind));
    }
    router
        .post(RELAY + "/identity/register")
        .handler(new RelaySubmitHandler(api, JobKind.REGISTER, "relay_register"));
    router
        .post(RELAY + "/identity/settle_and_rebalance")
        .handler(new RelaySubmitHandler(api, JobKind.SETTLE, "relay_settle"));
    router
        .post(RELAY + "/identity/settle_with_beneficiary")
        .handler(
            new RelaySubmitHandler(
                api, JobKind.SETTLE_WITH_BENEFICIARY, "relay_settle_with_beneficiary"));
    router
        .post(RELAY + "/identity/settle/into_stake")
        .handler(new RelaySubmitHandler(api, JobKind.SETTLE_INTO_STAKE, "relay_settle_into_stake"));
    router
        .post(RELAY + "/identity/pay_and_settle")
        .handler(new RelaySubmitHandler(api, JobKind.PAY_AND_SETTLE, "relay_pay_and_settle"));
    router
        .post(RELAY + "/stake/decrease")
        .handler(new RelaySubmitHandler(api, JobKind.DECREASE_STAKE, "relay_stake_decrease"));
    router.get(RELAY + "/queue/:id").handler(new RelayQueueHandler(api));
    more.accept(router);

    router.get("/healthz").handler(ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
    router
        .get("/readyz")
        .handler(
            ctx ->
                ready
                    .get()
                    .onComplete(
                        ar -> {
                          if (ar.succeeded()) {
                            json(ctx, 200, "{\"status\":\"ready\"}");
                          } else {
                            Endpoint.send(
                                ctx, Reply.reject(Rejection.UNAVAILABLE, ar.cause().getMessage()));
                          }
                        }));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(scrape.get()));

    // every failure of a route gets the JSON error shape; none is left to the router's default
    // (a bare status with a text body, logged as "Unhandled exception in router")
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, ctx -> failed(ctx, maxBodyBytes));
    }
    return router;
  }

  private static void failed(RoutingContext ctx, long maxBodyBytes) {
    int status = ctx.statusCode();
    Throwable failure = ctx.failure();
    switch (status) {
      case 404 ->
          fail(ctx, Rejection.RESOURCE_NOT_FOUND, "no such endpoint: " + ctx.request().path());
      case 405 ->
          fail(
              ctx,
              Rejection.METHOD_NOT_ALLOWED,
              ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 ->
          fail(ctx, Rejection.PAYLOAD_TOO_LARGE, "the body exceeds " + maxBodyBytes + " bytes");
      case 417 ->
          fail(
              ctx,
              Rejection.EXPECTATION_FAILED,
              "the hub meets no expectation but 100-continue: "
                  + ctx.request().getHeader("Expect"));
      case 400 -> fail(ctx, Rejection.MALFORMED_JSON, "the request could not be read");
      default -> {
        if (badPathEncoding(ctx.request().path())) {
          fail(
              ctx,
              Rejection.MALFORMED_REQUEST,
              "the request path is not valid percent-encoding: " + ctx.request().uri());
        } else if (clientFault(ctx, failure)) {
          // the client broke off or sent a body that is not valid HTTP: its fault, not ours
          LOG.debug(
              "request {} {} not read: {}",
              ctx.request().method(),
              ctx.request().path(),
              String.valueOf(failure));
          fail(ctx, Rejection.MALFORMED_REQUEST, "the request body could not be read");
        } else if (status >= 400 && status < 500) {
          fail(ctx, Rejection.MALFORMED_REQUEST, "the request was refused (" + status + ")");
        } else {
          LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
          fail(ctx, Rejection.INTERNAL_ERROR, "internal error, nothing was changed");
        }
      }
    }
  }

  /** A path with a {@code %} not followed by two hex digits, which Vert.x cannot route. */
  static boolean badPathEncoding(String path) {
    if (path == null) {
      return false;
    }
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length()
          || Character.digit(path.charAt(i + 1), 16) < 0
          || Character.digit(path.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  /** A failure the client caused: the connection went away, or the body did not decode. */
  private static boolean clientFault(RoutingContext ctx, Throwable failure) {
    if (ctx.response().closed() || ctx.request().connection() == null) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      StackTraceElement[] where = t.getStackTrace();
      if (where.length > 0 && where[0].getClassName().startsWith("io.netty.handler.codec.")) {
        return true; // the HTTP decoder refused what the client sent (a bad chunk size, ...)
      }
      if (t instanceof io.netty.handler.codec.DecoderException
          || t instanceof io.vertx.core.http.HttpClosedException
          || t instanceof io.vertx.core.VertxException
              && "Connection was closed".equals(t.getMessage())) {
        return true;
      }
    }
    return !ctx.request().decoderResult().isSuccess();
  }

  private static void fail(RoutingContext ctx, Rejection r, String message) {
    Endpoint.send(ctx, Reply.reject(r, message));
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
