package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.Arrays;
import network.hermes.hub.core.ConsumerPromise;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.PromiseAccepted;
import network.hermes.hub.core.PromiseRequest;
import network.hermes.hub.core.Rejection;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.Messages;
import network.hermes.hub.store.PromiseOp;
import network.hermes.promise.value.TokenAmount;

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
    ObjectNode body = WireJson.object(body(ctx));
    ObjectNode em = WireJson.objectField(body, "exchange_message");
    ObjectNode pr = WireJson.objectField(em, "Promise");

    long promiseChain = WireJson.chainId(pr, "ChainID");
    byte[] channel = consumerChannel(WireJson.base64Any(pr, "ChannelID"));
    BigInteger amount = WireJson.uint(pr, "Amount");
    TokenAmount promiseAmount = TokenAmount.of(amount);
    BigInteger fee = WireJson.uint(pr, "Fee");
    TokenAmount promiseFee = TokenAmount.of(fee);
    byte[] hashlock = WireJson.base64(pr, "Hashlock", 32);
    byte[] promiseSig = WireJson.base64(pr, "Signature", 65);
    BigInteger agreementId = WireJson.uint(em, "AgreementID");
    BigInteger agreementTotal = WireJson.uint(em, "AgreementTotal");
    TokenAmount total = TokenAmount.of(agreementTotal);
    String provider = WireJson.address(em, "Provider");
    byte[] emSig = WireJson.hexField(em, "Signature", 65);
    String hermesText = WireJson.optionalText(em, "HermesID");
    String hermesId =
        hermesText == null || hermesText.isEmpty() ? "" : WireJson.address(hermesText, "HermesID");
    long emChain = WireJson.chainId(em, "ChainID");
    TokenAmount transactorFee = WireJson.amount(body, "transactor_fee");
    String rRecovery = WireJson.optionalHexBlob(body, "r_recovery_data");

    Messages.Signers signers =
        Messages.recover(
            api.secp().impl(),
            promiseChain,
            channel,
            amount,
            fee,
            hashlock,
            promiseSig,
            emChain,
            agreementId,
            agreementTotal,
            provider,
            hermesId.isEmpty() ? null : hermesId,
            emSig);
    if (signers.promiseSigner() == null || signers.exchangeMessageSigner() == null) {
      return Future.succeededFuture(
          Reply.reject(Rejection.INVALID_SIGNATURE, "a signature does not recover to a key"));
    }
    String consumer = signers.exchangeMessageSigner();
    PromiseRequest req =
        new PromiseRequest(
            emChain,
            hermesId,
            consumer,
            signers.promiseSigner(),
            provider,
            agreementId,
            total,
            new ConsumerPromise(
                promiseChain,
                Hex.prefixed(channel),
                promiseAmount,
                promiseFee,
                Hex.prefixed(hashlock),
                Hex.prefixed(promiseSig)),
            transactorFee,
            rRecovery,
            withdrawal);
    Decision.Reject<PromiseAccepted> early =
        api.decisions().precheckPromise(req, api.chain().consumer(emChain, consumer));
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
              }
              // the state behind this promise has committed: now the signature may leave
              byte[] sig = api.operator().sign(a.promise());
              return Reply.ok(WireJson.promiseJson(a.promise(), sig));
            });
  }

  /** A consumer promise names the 20-byte channel address, possibly left-padded to 32 bytes. */
  private static byte[] consumerChannel(byte[] raw) {
    if (raw.length == 20) {
      return raw;
    }
    if (raw.length == 32) {
      for (int i = 0; i < 12; i++) {
        if (raw[i] != 0) {
          throw new MalformedRequest("ChannelID must be a 20-byte channel address");
        }
      }
      return Arrays.copyOfRange(raw, 12, 32);
    }
    throw new MalformedRequest("ChannelID must be a 20-byte channel address");
  }
}
