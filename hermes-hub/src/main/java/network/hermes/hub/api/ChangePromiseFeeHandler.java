package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import network.hermes.hub.core.ChangeFeeRequest;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.HubPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.store.ChannelOp;
import network.hermes.hub.store.Keys;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;

/** POST change_promise_fee: re-sign the provider's latest promise with a new transactor fee. */
final class ChangePromiseFeeHandler extends Endpoint {
  ChangePromiseFeeHandler(ApiContext api) {
    super(api, "change_promise_fee");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    var body = Bodies.changePromiseFee(body(ctx));
    Promise p = body.hermesPromise();
    HubPromise given = Bodies.hubPromise(p);
    Optional<Address> signer = api.verifier().signer(p);
    if (signer.isEmpty()) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "the promise signature does not recover"));
    }
    ChangeFeeRequest req = new ChangeFeeRequest(given, signer.get(), body.newFee());
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
              return Reply.ok(api.operator().sign(next));
            });
  }
}
