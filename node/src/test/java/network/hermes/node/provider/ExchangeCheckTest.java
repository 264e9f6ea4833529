package network.hermes.node.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import network.hermes.node.provider.ExchangeCheck.Rejection;
import network.hermes.node.session.InvoiceSchedule;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;

class ExchangeCheckTest {
  static final Secp256k1 SECP = Secp256k1s.getDefault();
  static final KeySigner CONSUMER = new KeySigner(PrivateKey.fromHex("33".repeat(32)), SECP);
  static final KeySigner STRANGER = new KeySigner(PrivateKey.fromHex("44".repeat(32)), SECP);
  static final Address PROVIDER = Address.fromHex("0x" + "aa".repeat(20));
  static final Address HUB = Address.fromHex("0x" + "bb".repeat(20));
  static final Address OTHER_HUB = Address.fromHex("0x" + "bc".repeat(20));
  static final Address REGISTRY = Address.fromHex("0x" + "cc".repeat(20));
  static final Address IMPL = Address.fromHex("0x" + "dd".repeat(20));
  static final ChainId CHAIN = ChainId.of(31337);
  static final Bytes32 LOCK = Bytes32.fromUint(7);
  static final BigInteger AGREEMENT = BigInteger.valueOf(99);
  static final TokenAmount TOTAL = TokenAmount.of(1000);
  static final Invoice INVOICE =
      new Invoice(AGREEMENT, TOTAL, TokenAmount.ZERO, LOCK, PROVIDER, CHAIN);
  static final Optional<InvoiceSchedule.Pending> PENDING =
      Optional.of(new InvoiceSchedule.Pending(LOCK, TOTAL, false, false, Instant.EPOCH));
  static final ExchangeCheck.Session SESSION =
      new ExchangeCheck.Session(PROVIDER, CONSUMER.address(), CHAIN, HUB, REGISTRY, IMPL);

  record Em(
      KeySigner promiseSigner,
      KeySigner messageSigner,
      ChainId chain,
      Address hub,
      Address channelHub,
      Address provider,
      BigInteger agreement,
      TokenAmount total,
      TokenAmount amount) {
    static Em valid() {
      return new Em(
          CONSUMER, CONSUMER, CHAIN, HUB, HUB, PROVIDER, AGREEMENT, TOTAL, TokenAmount.of(5000));
    }

    ExchangeMessage build() {
      Address channel =
          ChannelIds.consumerChannelAddress(REGISTRY, CONSUMER.address(), channelHub, IMPL);
      Promise promise =
          UnsignedPromise.forConsumerChannel(chain, channel, amount, TokenAmount.ZERO, LOCK)
              .sign(promiseSigner);
      return ExchangeMessage.builder()
          .promise(promise)
          .agreementId(agreement)
          .agreementTotal(total)
          .provider(provider)
          .hermesId(hub)
          .chainId(chain)
          .sign(messageSigner);
    }
  }

  static Optional<Rejection> check(UnaryOperator<Em> change) {
    return ExchangeCheck.check(
        change.apply(Em.valid()).build(), PENDING, INVOICE, TokenAmount.of(4000), SESSION, SECP);
  }

  @Test
  void aValidPaymentPasses() {
    assertThat(check(e -> e)).isEmpty();
  }

  @Test
  void anUnknownHashlockIsSkipped() {
    assertThat(
            ExchangeCheck.check(
                Em.valid().build(), Optional.empty(), null, TokenAmount.ZERO, SESSION, SECP))
        .contains(Rejection.INVOICE_UNKNOWN);
  }

  @Test
  void eachRuleHasItsRejection() {
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        STRANGER,
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        e.amount())))
        .contains(Rejection.EXCHANGE_SIGNATURE);
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        ChainId.of(1),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        e.amount())))
        .contains(Rejection.WRONG_CHAIN);
    assertThat(
            check(
                e ->
                    new Em(
                        STRANGER,
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        e.amount())))
        .contains(Rejection.PROMISE_SIGNER);
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        TokenAmount.of(3999))))
        .contains(Rejection.AMOUNT_DECREASED);
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        OTHER_HUB,
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        e.amount())))
        .contains(Rejection.WRONG_CHANNEL);
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        REGISTRY,
                        e.agreement(),
                        e.total(),
                        e.amount())))
        .contains(Rejection.WRONG_PROVIDER);
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        BigInteger.TEN,
                        e.total(),
                        e.amount())))
        .contains(Rejection.AGREEMENT_MISMATCH);
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        e.agreement(),
                        TokenAmount.of(1001),
                        e.amount())))
        .contains(Rejection.AGREEMENT_MISMATCH);
    // drawn on the consumer's channel with another hub and addressed to it: consistent, but not
    // ours
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        OTHER_HUB,
                        OTHER_HUB,
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        e.amount())))
        .contains(Rejection.WRONG_HUB);
  }

  @Test
  void anEqualPromiseAmountPasses() {
    assertThat(
            check(
                e ->
                    new Em(
                        e.promiseSigner(),
                        e.messageSigner(),
                        e.chain(),
                        e.hub(),
                        e.channelHub(),
                        e.provider(),
                        e.agreement(),
                        e.total(),
                        TokenAmount.of(4000))))
        .isEmpty();
  }
}
