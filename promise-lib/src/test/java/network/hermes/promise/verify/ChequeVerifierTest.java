package network.hermes.promise.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.NativeSecp256k1;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;

class ChequeVerifierTest {
  static final Secp256k1 SECP = new NativeSecp256k1();
  static final KeySigner CONSUMER = new KeySigner(PrivateKey.fromHex("01".repeat(32)), SECP);
  static final KeySigner OTHER = new KeySigner(PrivateKey.fromHex("02".repeat(32)), SECP);
  static final Address PROVIDER = Address.fromHex("0x" + "33".repeat(20));
  static final Address CHANNEL = Address.fromHex("0x" + "44".repeat(20));
  static final ChequeVerifier VERIFIER = new ChequeVerifier(SECP);

  static Promise promise(KeySigner signer) {
    return UnsignedPromise.forConsumerChannel(
            ChainId.POLYGON, CHANNEL, TokenAmount.of(10), TokenAmount.ZERO, Bytes32.fromUint(9))
        .sign(signer);
  }

  static ExchangeMessage message(Promise promise, KeySigner signer) {
    return ExchangeMessage.builder()
        .promise(promise)
        .agreementId(BigInteger.TWO)
        .agreementTotal(TokenAmount.of(10))
        .provider(PROVIDER)
        .hermesId(CHANNEL)
        .sign(signer);
  }

  @Test
  void validPromiseAndMessage() {
    Verification p = VERIFIER.verify(promise(CONSUMER), Expectations.NONE);
    assertThat(p.valid()).isTrue();
    assertThat(p.kind()).isEqualTo(ChequeKind.CONSUMER_PROMISE);
    assertThat(p.signer()).isEqualTo(CONSUMER.address());
    Verification m =
        VERIFIER.verify(
            message(promise(CONSUMER), CONSUMER),
            new Expectations(CONSUMER.address(), ChainId.POLYGON));
    assertThat(m.valid()).isTrue();
    assertThat(m.kind()).isEqualTo(ChequeKind.EXCHANGE_MESSAGE);
    assertThat(m.promiseSigner()).isEqualTo(CONSUMER.address());
    assertThat(m.reason()).isNull();
  }

  @Test
  void providerPromiseKind() {
    Promise provider =
        UnsignedPromise.forProviderChannel(
                ChainId.POLYGON,
                Bytes32.fromHex("ff".repeat(32)),
                TokenAmount.of(1),
                TokenAmount.ZERO,
                Bytes32.ZERO)
            .sign(OTHER);
    assertThat(VERIFIER.verify(provider, Expectations.NONE).kind())
        .isEqualTo(ChequeKind.PROVIDER_PROMISE);
  }

  @Test
  void rejectionsInOrder() {
    Promise good = promise(CONSUMER);
    Signature broken = Signature.of(good.signature().r(), good.signature().s(), 5);
    Promise badSig =
        new Promise(
            good.chainId(),
            good.channelId(),
            good.amount(),
            good.fee(),
            good.hashlock(),
            null,
            broken);

    Verification v = VERIFIER.verify(badSig, Expectations.NONE);
    assertThat(v.failure()).isEqualTo(Failure.INVALID_SIGNATURE);
    assertThat(v.signer()).isNull();
    assertThat(v.reason()).contains("v must be");

    assertThat(VERIFIER.verify(message(badSig, CONSUMER), Expectations.NONE).failure())
        .isEqualTo(Failure.INVALID_PROMISE_SIGNATURE);
    Verification mismatch = VERIFIER.verify(message(promise(OTHER), CONSUMER), Expectations.NONE);
    assertThat(mismatch.failure()).isEqualTo(Failure.PROMISE_SIGNER_MISMATCH);
    assertThat(mismatch.reason()).contains("differs");
    assertThat(VERIFIER.verify(good, new Expectations(OTHER.address(), null)).failure())
        .isEqualTo(Failure.UNEXPECTED_SIGNER);
    assertThat(VERIFIER.verify(good, new Expectations(null, ChainId.AMOY)).failure())
        .isEqualTo(Failure.CHAIN_ID_MISMATCH);
    ExchangeMessage crossChain =
        ExchangeMessage.builder()
            .promise(good)
            .agreementId(BigInteger.ONE)
            .agreementTotal(TokenAmount.of(1))
            .provider(PROVIDER)
            .hermesId(CHANNEL)
            .chainId(ChainId.AMOY)
            .sign(CONSUMER);
    Verification cross = VERIFIER.verify(crossChain, new Expectations(null, ChainId.AMOY));
    assertThat(cross.failure()).isEqualTo(Failure.CHAIN_ID_MISMATCH);
    assertThat(cross.reason()).startsWith("promise chain id 137");
    assertThat(VERIFIER.verify(crossChain, Expectations.NONE).valid()).isTrue();
  }
}
