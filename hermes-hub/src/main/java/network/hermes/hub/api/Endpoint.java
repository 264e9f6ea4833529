package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every endpoint handler: turns malformed input, rejections, store faults and bugs into the
 * JSON error shape, and records the request in the metrics.
 */
abstract class Endpoint implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

  protected final ApiContext api;
  private final String name;

  Endpoint(ApiContext api, String name) {
    this.api = api;
    this.name = name;
  }

  abstract Future<Reply> process(RoutingContext ctx);

  @Override
  public final void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    Future<Reply> reply;
    try {
      reply = process(ctx);
    } catch (MalformedRequest e) {
      reply = Future.succeededFuture(Reply.reject(Rejection.MALFORMED_JSON, e.getMessage()));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply
        .recover(err -> Future.succeededFuture(fromFailure(err)))
        .onComplete(
            ar -> {
              Reply r = ar.result();
              send(ctx, r);
              api.metrics().request(name, r.rejection(), r.status(), System.nanoTime() - start);
            });
  }

  private Reply fromFailure(Throwable err) {
    if (err instanceof MalformedRequest m) {
      return Reply.reject(Rejection.MALFORMED_JSON, m.getMessage());
    }
    if (err instanceof StoreException se) {
      if (se.rejection() == Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS) {
        return Reply.reject(se.rejection(), "the channel is busy, retry shortly");
      }
      LOG.error("{} failed in the store", name, se);
      return Reply.reject(se.rejection(), "internal error, nothing was changed");
    }
    LOG.error("{} failed", name, err);
    return Reply.reject(Rejection.INTERNAL_ERROR, "internal error, nothing was changed");
  }

  static void send(RoutingContext ctx, Reply r) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(r.status())
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(r.body()));
  }

  static byte[] body(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null
        ? new byte[0]
        : ctx.body().buffer().getBytes();
  }
}
