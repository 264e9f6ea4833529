package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.HubPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.RefreshRequest;
import network.hermes.hub.store.ChannelOp;
import network.hermes.hub.store.Keys;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * POST refresh_promise: the latest amount again under a new hashlock, for a provider that lost R.
 */
final class RefreshPromiseHandler extends Endpoint {
  RefreshPromiseHandler(ApiContext api) {
    super(api, "refresh_promise");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    byte[] raw = body(ctx);
    SignedRequests.Result auth = SignedRequests.signer(ctx, raw, api.verifier());
    if (auth instanceof SignedRequests.Refused refused) {
      return Future.succeededFuture(refused.reply());
    }
    Address signer = ((SignedRequests.Signer) auth).address();
    var body = Bodies.refreshPromise(raw);
    RefreshRequest req =
        new RefreshRequest(
            body.chainId().value(),
            body.identity(),
            signer,
            body.hashlock(),
            Bodies.recoveryData(body.rRecoveryData()));
    Bytes32 channel = api.channels().providerChannelId(req.identity());
    ProviderState none =
        ProviderState.empty(req.chainId(), channel, req.identity(), ChannelKind.EARNINGS);
    if (!signer.equals(req.identity()) || !api.policy().servesChain(req.chainId())) {
      return Future.succeededFuture(toReply(api.decisions().refreshPromise(req, none)));
    }
    return api.store()
        .findChannel(req.chainId(), channel)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(api.decisions().refreshPromise(req, none));
              }
              Keys.Channel key =
                  new Keys.Channel(req.chainId(), channel, req.identity(), ChannelKind.EARNINGS);
              return api.batcher()
                  .submit(new ChannelOp(key, state -> api.decisions().refreshPromise(req, state)));
            })
        .map(this::toReply);
  }

  private Reply toReply(Decision<ProviderState> d) {
    if (d instanceof Decision.Reject<ProviderState> r) {
      return Reply.of(r);
    }
    HubPromise p = ((Decision.Accept<ProviderState>) d).value().promise();
    return Reply.ok(api.operator().sign(p));
  }
}
