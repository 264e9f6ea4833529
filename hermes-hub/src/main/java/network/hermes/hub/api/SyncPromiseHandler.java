package network.hermes.hub.api;

import io.vertx.core.Future;
import java.util.Optional;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.core.SyncRequest;
import network.hermes.hub.store.ChannelOp;
import network.hermes.hub.store.Keys;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;

/** POST provider/sync_promise: a provider restores its latest hub promise after hub data loss. */
final class SyncPromiseHandler extends SignedEndpoint {
  SyncPromiseHandler(ApiContext api) {
    super(api, "sync_promise");
  }

  @Override
  Future<Reply> process(byte[] raw, Address signer) {
    Promise given = Bodies.syncPromise(raw).toPromise();
    UnsignedPromise promise = given.unsigned();
    Optional<Address> promiseSigner = api.verifier().signer(given);
    if (promiseSigner.isEmpty()) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "the promise signature does not recover"));
    }
    SyncRequest req = new SyncRequest(promise, signer, promiseSigner.get());
    ChannelKind kind = api.channels().kindOf(signer, promise.channelId());
    if (kind == null || !api.policy().servesChain(promise.chainId())) {
      ProviderState none =
          ProviderState.empty(promise.chainId(), promise.channelId(), signer, ChannelKind.EARNINGS);
      return Future.succeededFuture(toReply(api.decisions().syncPromise(req, none)));
    }
    Keys.Channel key = new Keys.Channel(promise.chainId(), promise.channelId(), signer, kind);
    return api.batcher()
        .submit(
            new ChannelOp(
                key,
                state -> api.decisions().syncPromise(req, state),
                api.policy().solvencyGuard()))
        .map(SyncPromiseHandler::toReply);
  }

  private static Reply toReply(Decision<ProviderState> d) {
    if (d instanceof Decision.Reject<ProviderState> r) {
      return Reply.of(r);
    }
    return Reply.ok(Reply.object());
  }
}
