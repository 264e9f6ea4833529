package network.hermes.hub.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.PromiseAccepted;
import network.hermes.hub.core.PromiseRequest;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.store.PromiseOp;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.RequestPromiseRequest;

/**
 * The shared flow of request_promise and pay_and_settle: parse, recover both signers, check the
 * stateless rules, then decide and persist in a (group) transaction, then sign and answer.
 */
abstract class PromiseEndpoint extends Endpoint {
  private final boolean withdrawal;

  PromiseEndpoint(ApiContext api, String name, boolean withdrawal) {
    super(api, name);
    this.withdrawal = withdrawal;
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    RequestPromiseRequest body = Bodies.requestPromise(body(ctx));
    ExchangeMessage em = body.exchangeMessage();
    Promise promise = em.promise();
    // a consumer promise names the 20-byte channel address, possibly left-padded to 32 bytes
    if (!promise.hasConsumerChannel()) {
      throw new MalformedRequest("ChannelID must be a 20-byte channel address");
    }
    Optional<Address> emSigner = api.verifier().signer(em);
    Optional<Address> promiseSigner = api.verifier().signer(promise);
    if (emSigner.isEmpty() || promiseSigner.isEmpty()) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "a signature does not recover to a key"));
    }
    ChainId emChain = em.chainId();
    Address consumer = emSigner.get();
    Address provider = em.provider();
    PromiseRequest req =
        new PromiseRequest(
            emChain,
            em.hermesId(),
            consumer,
            promiseSigner.get(),
            provider,
            em.agreementId(),
            em.agreementTotal(),
            promise.withR(null),
            body.transactorFee(),
            Bodies.recoveryData(body.rRecoveryData()),
            withdrawal);
    Decision.Reject<PromiseAccepted> early =
        api.decisions()
            .precheckPromise(
                req, api.chain().consumer(emChain, consumer), api.chain().hermes(emChain));
    if (early != null) {
      if (early.reason() == Rejection.CONSUMER_UNREGISTERED) {
        // maybe registered since the last refresh: have the chain source look at it
        api.watch().watch(emChain, consumer);
      }
      return Future.succeededFuture(Reply.of(early));
    }
    var facts =
        api.chain()
            .view(
                emChain,
                consumer,
                api.channels().channelId(provider, req.outputKind()),
                api.channels().providerChannelId(provider));
    return api.batcher()
        .submit(new PromiseOp(api.decisions(), api.channels(), req, facts))
        .map(
            d -> {
              if (d instanceof Decision.Reject<PromiseAccepted> r) {
                if (r.reason() == Rejection.HUB_FUNDS_EXHAUSTED) {
                  // settle consumers into the contract first, so the provider can be paid
                  api.settle().request(emChain);
                }
                return Reply.of(r);
              }
              PromiseAccepted a = ((Decision.Accept<PromiseAccepted>) d).value();
              if (!a.replay()) {
                api.metrics().accepted(withdrawal, a.issued().delta().toBigInteger());
                // the provider's beneficiary for the data endpoints: the watcher follows it
                api.watch().watch(emChain, provider);
              }
              // the state behind this promise has committed: now the signature may leave
              return Reply.ok(api.operator().sign(a.promise()));
            });
  }
}
