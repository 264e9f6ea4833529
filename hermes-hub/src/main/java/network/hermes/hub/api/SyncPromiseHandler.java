package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.HubPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.core.SyncRequest;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.Keccak;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.hub.store.ChannelOp;
import network.hermes.hub.store.Keys;

/** POST provider/sync_promise: a provider restores its latest hub promise after hub data loss. */
final class SyncPromiseHandler extends Endpoint {
  SyncPromiseHandler(ApiContext api) {
    super(api, "sync_promise");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    byte[] raw = body(ctx);
    SignedRequests.Result auth = SignedRequests.signer(ctx, raw, api.secp());
    if (auth instanceof SignedRequests.Refused refused) {
      return Future.succeededFuture(refused.reply());
    }
    String signer = ((SignedRequests.Signer) auth).address();
    ObjectNode body = WireJson.object(raw);
    HubPromise promise =
        new HubPromise(
            WireJson.chainId(body, "chain_id"),
            Hex.prefixed(WireJson.hexField(body, "channel_id", 32)),
            WireJson.amount(body, "amount"),
            WireJson.amount(body, "fee"),
            Hex.prefixed(WireJson.hexField(body, "hashlock", 32)));
    byte[] sig = WireJson.hexField(body, "signature", 65);
    byte[] promiseSigner =
        api.secp().recoverAddress(Keccak.hash(OperatorKey.preimage(promise)), sig);
    if (promiseSigner == null) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "the promise signature does not recover"));
    }
    SyncRequest req = new SyncRequest(promise, signer, Hex.prefixed(promiseSigner));
    ChannelKind kind;
    if (api.channels().providerChannelId(signer).equals(promise.channelId())) {
      kind = ChannelKind.EARNINGS;
    } else if (api.channels().withdrawalChannelId(signer).equals(promise.channelId())) {
      kind = ChannelKind.WITHDRAWAL;
    } else {
      kind = null;
    }
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
    return Reply.ok(WireJson.MAPPER.createObjectNode());
  }
}
