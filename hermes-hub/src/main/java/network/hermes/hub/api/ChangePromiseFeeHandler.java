package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import network.hermes.hub.core.ChangeFeeRequest;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
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
    UnsignedPromise given = p.unsigned();
    Optional<Address> signer = api.verifier().signer(p);
    if (signer.isEmpty()) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "the promise signature does not recover"));
    }
    ChangeFeeRequest req = new ChangeFeeRequest(given, signer.get(), body.newFee());
    return onStoredChannel(
            given.chainId(),
            given.channelId(),
            null,
            state -> api.decisions().changeFee(req, state))
        .map(this::signedPromise);
  }
}
