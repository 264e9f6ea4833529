package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.ChangeFeeRequest;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.HubPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.Keccak;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.hub.store.ChannelOp;
import network.hermes.hub.store.Keys;
import network.hermes.promise.value.TokenAmount;

/** POST change_promise_fee: re-sign the provider's latest promise with a new transactor fee. */
final class ChangePromiseFeeHandler extends Endpoint {
  ChangePromiseFeeHandler(ApiContext api) {
    super(api, "change_promise_fee");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    ObjectNode body = WireJson.object(body(ctx));
    ObjectNode p = WireJson.objectField(body, "hermes_promise");
    HubPromise given =
        new HubPromise(
            WireJson.chainId(p, "ChainID"),
            Hex.prefixed(WireJson.base64(p, "ChannelID", 32)),
            WireJson.amount(p, "Amount"),
            WireJson.amount(p, "Fee"),
            Hex.prefixed(WireJson.base64(p, "Hashlock", 32)));
    byte[] sig = WireJson.base64(p, "Signature", 65);
    TokenAmount newFee = WireJson.amount(body, "new_fee");
    byte[] signer = api.secp().recoverAddress(Keccak.hash(OperatorKey.preimage(given)), sig);
    if (signer == null) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "the promise signature does not recover"));
    }
    ChangeFeeRequest req = new ChangeFeeRequest(given, Hex.prefixed(signer), newFee);
    return api.store()
        .findChannel(given.chainId(), given.channelId())
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(api.decisions().changeFee(req, null));
              }
              ProviderState row = found.get();
              Keys.Channel key =
                  new Keys.Channel(row.chainId(), row.channelId(), row.provider(), row.kind());
              return api.batcher()
                  .submit(new ChannelOp(key, state -> api.decisions().changeFee(req, state)));
            })
        .map(
            d -> {
              if (d instanceof Decision.Reject<ProviderState> r) {
                return Reply.of(r);
              }
              HubPromise next = ((Decision.Accept<ProviderState>) d).value().promise();
              return Reply.ok(WireJson.promiseJson(next, api.operator().sign(next)));
            });
  }
}
