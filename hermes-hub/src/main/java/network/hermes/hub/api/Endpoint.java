package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.store.ChannelOp;
import network.hermes.hub.store.Keys;
import network.hermes.hub.store.StoreException;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
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

  /**
   * A decision over a provider channel row that must already exist (change_promise_fee,
   * refresh_promise): locked and decided in a transaction, or, with no row, decided over {@code
   * absent} without one.
   */
  Future<Decision<ProviderState>> onStoredChannel(
      ChainId chainId,
      Bytes32 channelId,
      ProviderState absent,
      Function<ProviderState, Decision<ProviderState>> decide) {
    return api.store()
        .findChannel(chainId, channelId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(decide.apply(absent));
              }
              ProviderState row = found.get();
              Keys.Channel key =
                  new Keys.Channel(row.chainId(), row.channelId(), row.provider(), row.kind());
              return api.batcher().submit(new ChannelOp(key, decide));
            });
  }

  /** The channel's latest promise, signed now that its state has committed, or the refusal. */
  Reply signedPromise(Decision<ProviderState> d) {
    if (d instanceof Decision.Reject<ProviderState> r) {
      return Reply.of(r);
    }
    return Reply.ok(api.operator().sign(((Decision.Accept<ProviderState>) d).value().promise()));
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
