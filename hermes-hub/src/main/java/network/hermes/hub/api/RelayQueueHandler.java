package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.relay.RelayJob;

/** GET queue/{id}: where a relay job stands. */
final class RelayQueueHandler extends Endpoint {
  RelayQueueHandler(ApiContext api) {
    super(api, "relay_queue");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    if (api.relay() == null) {
      return Future.succeededFuture(Reply.reject(Rejection.UNAVAILABLE, "the relay is off"));
    }
    String id = ctx.pathParam("id");
    return api.relay()
        .job(id)
        .map(
            found -> {
              if (found.isEmpty()) {
                return Reply.reject(Rejection.RESOURCE_NOT_FOUND, "no relay job " + id);
              }
              return Reply.ok(json(found.get()));
            });
  }

  static ObjectNode json(RelayJob job) {
    ObjectNode n = Reply.object();
    n.put("id", job.id());
    n.put("tx_hash", job.txHash() == null ? "" : job.txHash());
    n.put("state", job.state());
    n.put("error", job.error() == null ? "" : job.error());
    return n;
  }
}
