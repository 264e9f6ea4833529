package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.relay.FeeKind;
import network.hermes.hub.relay.FeeQuoter;
import network.hermes.promise.value.ChainId;

/** GET fee/{chain}/register|settle|stake/decrease: a relay fee quote with its validity. */
final class RelayFeeHandler extends Endpoint {
  private final FeeKind kind;

  RelayFeeHandler(ApiContext api, FeeKind kind) {
    super(api, "relay_fee");
    this.kind = kind;
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    if (api.relay() == null) {
      return Future.succeededFuture(Reply.reject(Rejection.UNAVAILABLE, "the relay is off"));
    }
    ChainId chain;
    try {
      chain = ChainId.of(Long.parseLong(ctx.pathParam("chain")));
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(
          Reply.reject(Rejection.RESOURCE_NOT_FOUND, "not a chain id: " + ctx.pathParam("chain")));
    }
    return api.relay()
        .quote(chain, kind)
        .map(
            d -> {
              if (d instanceof Decision.Reject<FeeQuoter.Quote> r) {
                return Reply.of(r);
              }
              FeeQuoter.Quote q = ((Decision.Accept<FeeQuoter.Quote>) d).value();
              ObjectNode n = Reply.object();
              n.put("fee", q.fee());
              n.put("valid_until", DateTimeFormatter.ISO_INSTANT.format(q.validUntil()));
              return Reply.ok(n);
            });
  }
}
