package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.RevealAccepted;
import network.hermes.hub.core.RevealRequest;
import network.hermes.hub.store.RevealOp;
import network.hermes.promise.message.HashlockSecret;

/** POST reveal_r: the provider reveals the R of its latest promise. */
final class RevealRHandler extends Endpoint {
  RevealRHandler(ApiContext api) {
    super(api, "reveal_r");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    var body = Bodies.reveal(body(ctx));
    RevealRequest req =
        new RevealRequest(
            body.provider(), body.r(), HashlockSecret.of(body.r()).hashlock(), body.agreementId());
    return api.batcher()
        .submit(new RevealOp(api.decisions(), api.channels(), api.policy().chainIds(), req))
        .map(
            d -> {
              if (d instanceof Decision.Reject<RevealAccepted> rej) {
                return Reply.of(rej);
              }
              ObjectNode ok = Reply.object();
              ok.put("message", "R successfully revealed");
              return Reply.ok(ok);
            });
  }
}
