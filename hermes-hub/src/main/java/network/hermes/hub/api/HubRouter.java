package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.relay.FeeKind;
import network.hermes.hub.relay.JobKind;

/** Wires paths to handlers and every HTTP-level failure to the JSON error shape. Nothing else. */
public final class HubRouter {
  public static final String BASE = "/api/v2";

  /** The relay (transactor) API, with the upstream transactor's paths. */
  public static final String RELAY = "/api/v1/transactor";

  private HubRouter() {}

  /**
   * @param ready answers /readyz
   * @param scrape the Prometheus text for /metrics
   */
  public static Router create(
      Vertx vertx,
      ApiContext api,
      long maxBodyBytes,
      Supplier<Future<String>> ready,
      Supplier<String> scrape) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));

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

    router.errorHandler(
        404,
        ctx ->
            fail(ctx, Rejection.RESOURCE_NOT_FOUND, "no such endpoint: " + ctx.request().path()));
    router.errorHandler(
        405,
        ctx ->
            fail(
                ctx,
                Rejection.METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(
        413,
        ctx ->
            fail(ctx, Rejection.PAYLOAD_TOO_LARGE, "the body exceeds " + maxBodyBytes + " bytes"));
    router.errorHandler(
        400, ctx -> fail(ctx, Rejection.MALFORMED_JSON, "the request could not be read"));
    router.errorHandler(
        500, ctx -> fail(ctx, Rejection.INTERNAL_ERROR, "internal error, nothing was changed"));
    return router;
  }

  private static void fail(RoutingContext ctx, Rejection r, String message) {
    Endpoint.send(ctx, Reply.reject(r, message));
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
