package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.RevealAccepted;
import network.hermes.hub.core.RevealRequest;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.Keccak;
import network.hermes.hub.store.RevealOp;

/** POST reveal_r: the provider reveals the R of its latest promise. */
final class RevealRHandler extends Endpoint {
  RevealRHandler(ApiContext api) {
    super(api, "reveal_r");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    ObjectNode body = WireJson.object(body(ctx));
    byte[] r = WireJson.hexField(body, "R", 32);
    String provider = WireJson.address(body, "Provider");
    var agreementId = WireJson.optionalUint(body, "AgreementID");
    RevealRequest req =
        new RevealRequest(provider, Hex.prefixed(r), Hex.prefixed(Keccak.hash(r)), agreementId);
    return api.batcher()
        .submit(new RevealOp(api.decisions(), api.channels(), api.policy().chainIds(), req))
        .map(
            d -> {
              if (d instanceof Decision.Reject<RevealAccepted> rej) {
                return Reply.of(rej);
              }
              ObjectNode ok = WireJson.MAPPER.createObjectNode();
              ok.put("message", "R successfully revealed");
              return Reply.ok(ok);
            });
  }
}
