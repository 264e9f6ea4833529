package network.hermes.promise.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.PureJavaSecp256k1;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;

/** Byte-by-byte layout of every signed payload (contracts preimages P1-P11). */
class PreimageLayoutTest {
  static final ChainId CHAIN = ChainId.of(137);
  static final Address A = Address.fromHex("0x" + "aa".repeat(20));
  static final Address B = Address.fromHex("0x" + "bb".repeat(20));
  static final Address C = Address.fromHex("0x" + "cc".repeat(20));
  static final Bytes32 W = Bytes32.fromHex("dd".repeat(32));
  static final Bytes32 R = Bytes32.fromHex("ee".repeat(32));
  static final Secp256k1 SECP = new PureJavaSecp256k1();
  static final KeySigner SIGNER =
      new KeySigner(
          PrivateKey.fromHex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
          SECP);

  static String word(long v) {
    return Bytes32.fromUint(v).toHexNoPrefix();
  }

  static String addr(Address a) {
    return a.toHex().substring(2);
  }

  static String ascii(String s) {
    return Hex.encode(s.getBytes(StandardCharsets.US_ASCII));
  }

  static void assertLayout(Signable payload, int length, String... parts) {
    byte[] preimage = payload.preimage();
    assertThat(preimage).hasSize(length);
    assertThat(Hex.encode(preimage)).isEqualTo(String.join("", parts));
    assertThat(payload.recoverSigner(payload.sign(SIGNER), SECP)).isEqualTo(SIGNER.address());
  }

  @Test
  void p1IdentityRegistration() {
    assertLayout(
        new IdentityRegistration(CHAIN, A, B, TokenAmount.of(2), TokenAmount.of(3), C),
        156,
        word(137),
        addr(A),
        addr(B),
        word(2),
        word(3),
        addr(C));
  }

  @Test
  void p2ConsumerChannelOpening() {
    assertLayout(
        new ConsumerChannelOpening(CHAIN, A, B, TokenAmount.of(3)),
        104,
        word(137),
        addr(A),
        addr(B),
        word(3));
  }

  @Test
  void p3BeneficiaryChange() {
    assertLayout(
        new BeneficiaryChange(CHAIN, A, B, C, BigInteger.valueOf(4)),
        124,
        word(137),
        addr(A),
        addr(B),
        addr(C),
        word(4));
  }

  @Test
  void p4HermesUrlUpdate() {
    String url = "https://hermes.example/api/v2";
    assertLayout(
        new HermesUrlUpdate(A, B, url, BigInteger.valueOf(5)),
        72 + url.length(),
        addr(A),
        addr(B),
        ascii(url),
        word(5));
  }

  @Test
  void p5p6Promise() {
    UnsignedPromise consumer =
        UnsignedPromise.forConsumerChannel(CHAIN, A, TokenAmount.of(7), TokenAmount.of(1), W);
    assertThat(consumer.preimage()).hasSize(160);
    assertThat(Hex.encode(consumer.preimage()))
        .isEqualTo(word(137) + "00".repeat(12) + addr(A) + word(7) + word(1) + W.toHexNoPrefix());
    UnsignedPromise provider =
        UnsignedPromise.forProviderChannel(CHAIN, R, TokenAmount.of(7), TokenAmount.of(1), W);
    assertThat(Hex.encode(provider.preimage()))
        .isEqualTo(word(137) + R.toHexNoPrefix() + word(7) + word(1) + W.toHexNoPrefix());
    Promise signed = provider.sign(SIGNER);
    assertThat(signed.r()).isNull();
    assertThat(signed.recoverSigner(SECP)).isEqualTo(SIGNER.address());
    assertThat(signed.isSignedBy(A, SECP)).isFalse();
    assertThat(signed.unsigned()).isEqualTo(provider);
    assertThat(signed.hasConsumerChannel()).isFalse();
    assertThat(consumer.sign(SIGNER).hasConsumerChannel()).isTrue();
  }

  @Test
  void p7FastExit() {
    assertLayout(
        new FastExit(
            CHAIN,
            A,
            TokenAmount.of(9),
            TokenAmount.of(1),
            B,
            BigInteger.valueOf(1_700_000_000L),
            BigInteger.ZERO),
        237,
        ascii("Exit request:"),
        word(137),
        "00".repeat(12) + addr(A),
        word(9),
        word(1),
        "00".repeat(12) + addr(B),
        word(1_700_000_000L),
        word(0));
  }

  @Test
  void p8FundsDestinationChange() {
    assertLayout(
        new FundsDestinationChange(A, B, BigInteger.valueOf(6)),
        94,
        ascii("Set funds destination:"),
        addr(A),
        addr(B),
        word(6));
  }

  @Test
  void p9PayAndSettleAuthorization() {
    assertLayout(
        new PayAndSettleAuthorization(CHAIN, W, TokenAmount.of(8), R, C),
        148,
        word(137),
        W.toHexNoPrefix(),
        word(8),
        R.toHexNoPrefix(),
        addr(C));
  }

  @Test
  void p10StakeReturn() {
    assertLayout(
        new StakeReturn(CHAIN, W, TokenAmount.of(8), TokenAmount.of(2), BigInteger.valueOf(3)),
        180,
        ascii("Stake return request"),
        word(137),
        W.toHexNoPrefix(),
        word(8),
        word(2),
        word(3));
  }

  @Test
  void p11UnilateralExit() {
    assertThat("Unilateral exit request:".length()).isEqualTo(24);
    assertLayout(
        new UnilateralExit(CHAIN, A, B, BigInteger.valueOf(1_800_000_000L), BigInteger.valueOf(2)),
        160,
        ascii("Unilateral exit request:"),
        word(137),
        addr(A),
        addr(B),
        word(1_800_000_000L),
        word(2));
  }

  @Test
  void exchangeMessageLayoutWithAndWithoutHubId() {
    Promise promise =
        UnsignedPromise.forConsumerChannel(CHAIN, A, TokenAmount.of(7), TokenAmount.ZERO, W)
            .sign(SIGNER);
    ExchangeMessage message =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(BigInteger.valueOf(42))
            .agreementTotal(TokenAmount.of(5))
            .provider(B)
            .hermesId(C)
            .sign(SIGNER);
    assertThat(message.chainId()).isEqualTo(CHAIN);
    assertThat(Hex.encode(message.preimage()))
        .isEqualTo(
            word(137) + promise.hash().toHexNoPrefix() + word(42) + word(5) + addr(B) + addr(C));
    assertThat(message.recoverSigner(SECP)).isEqualTo(SIGNER.address());
    assertThat(message.isSignedBy(SIGNER.address(), SECP)).isTrue();

    ExchangeMessage legacy =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(BigInteger.valueOf(42))
            .agreementTotal(TokenAmount.of(5))
            .provider(B)
            .sign(SIGNER);
    assertThat(legacy.preimage()).hasSize(148).isEqualTo(Arrays.copyOf(message.preimage(), 148));
    assertThat(legacy.recoverSigner(SECP)).isEqualTo(SIGNER.address());
  }

  @Test
  void recordsRejectMissingAndOutOfRangeFields() {
    assertThatThrownBy(() -> new StakeReturn(CHAIN, W, TokenAmount.ZERO, null, BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transactorFee");
    assertThatThrownBy(() -> new FundsDestinationChange(A, B, BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonce");
    assertThatThrownBy(() -> ExchangeMessage.builder().provider(A).sign(SIGNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("promise");
  }

  @Test
  void hashlockSecretLocksAndHidesR() {
    HashlockSecret secret = HashlockSecret.of(R);
    assertThat(secret.toString())
        .doesNotContain(R.toHexNoPrefix())
        .contains(secret.hashlock().toHex());
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                CHAIN, A, TokenAmount.of(7), TokenAmount.ZERO, secret.hashlock())
            .sign(SIGNER);
    assertThat(promise.withR(R).rMatchesHashlock()).isTrue();
    assertThat(promise.withR(W).rMatchesHashlock()).isFalse();
    assertThat(promise.rMatchesHashlock()).isFalse();
    assertThat(promise.withR(R).hash()).isEqualTo(promise.hash());
  }
}
