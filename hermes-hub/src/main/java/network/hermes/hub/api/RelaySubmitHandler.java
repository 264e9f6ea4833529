package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.relay.JobKind;
import network.hermes.promise.wire.RelayRequest;

/**
 * POST identity/register, identity/settle_and_rebalance, identity/settle_with_beneficiary,
 * identity/settle/into_stake, identity/pay_and_settle, stake/decrease: a signed payload for the
 * relay; the answer is the queue id.
 */
final class RelaySubmitHandler extends Endpoint {
  private final JobKind kind;

  RelaySubmitHandler(ApiContext api, JobKind kind, String name) {
    super(api, name);
    this.kind = kind;
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    if (api.relay() == null) {
      return Future.succeededFuture(Reply.reject(Rejection.UNAVAILABLE, "the relay is off"));
    }
    byte[] body = body(ctx);
    if (kind == JobKind.SETTLE_WITH_BENEFICIARY) {
      // either spelling of the promise is read; a missing one is named as the docs spell it
      JsonNode tree = Bodies.object(body);
      JsonNode p = tree.has("promise") ? tree.get("promise") : tree.get("Promise");
      if (p == null || !p.isObject()) {
        throw new MalformedRequest("missing field promise");
      }
    }
    RelayRequest payload = Bodies.relayRequest(kind.path(), body);
    return api.relay()
        .submit(payload)
        .map(
            d -> {
              if (d instanceof Decision.Reject<String> r) {
                return Reply.of(r);
              }
              ObjectNode n = Reply.object();
              n.put("id", ((Decision.Accept<String>) d).value());
              return Reply.ok(n);
            });
  }
}
