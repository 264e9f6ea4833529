package network.hermes.hub.api;

import io.vertx.core.Future;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.RefreshRequest;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * POST refresh_promise: the latest amount again under a new hashlock, for a provider that lost R.
 */
final class RefreshPromiseHandler extends SignedEndpoint {
  RefreshPromiseHandler(ApiContext api) {
    super(api, "refresh_promise");
  }

  @Override
  Future<Reply> process(byte[] raw, Address signer) {
    var body = Bodies.refreshPromise(raw);
    RefreshRequest req =
        new RefreshRequest(
            body.chainId(),
            body.identity(),
            signer,
            body.hashlock(),
            Bodies.recoveryData(body.rRecoveryData()));
    Bytes32 channel = api.channels().providerChannelId(req.identity());
    ProviderState none =
        ProviderState.empty(req.chainId(), channel, req.identity(), ChannelKind.EARNINGS);
    if (!signer.equals(req.identity()) || !api.policy().servesChain(req.chainId())) {
      return Future.succeededFuture(signedPromise(api.decisions().refreshPromise(req, none)));
    }
    return onStoredChannel(
            req.chainId(), channel, none, state -> api.decisions().refreshPromise(req, state))
        .map(this::signedPromise);
  }
}
