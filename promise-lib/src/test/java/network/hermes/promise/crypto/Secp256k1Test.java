package network.hermes.promise.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.stream.Stream;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Secp256k1Test {
  static final PrivateKey KEY =
      PrivateKey.fromHex("1fd26004a85a0ae04e16b444893ba7408dc7215b3962dda782d1afc6d7441d1e");
  static final Address SIGNER = Address.fromHex("0xf53acdd584ccb85ee4ec1590007ad3c16fdff057");
  static final Bytes32 DIGEST = Keccak.hash(new byte[] {1, 2, 3});

  static Stream<Secp256k1> backends() {
    return Stream.of(new NativeSecp256k1(), new PureJavaSecp256k1());
  }

  private static Signature withV(Signature sig, int v) {
    return Signature.of(sig.r(), sig.s(), v);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void acceptsVZeroOneAndTwentySevenTwentyEight(Secp256k1 secp) {
    Signature sig = secp.sign(DIGEST, KEY);
    int recId = sig.v() - 27;
    assertThat(secp.recover(DIGEST, sig)).isEqualTo(SIGNER);
    assertThat(secp.recover(DIGEST, withV(sig, recId))).isEqualTo(SIGNER);
    assertThat(secp.recover(DIGEST, withV(sig, 1 - recId))).isNotEqualTo(SIGNER);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rejectsOtherV(Secp256k1 secp) {
    Signature sig = secp.sign(DIGEST, KEY);
    for (int v : new int[] {2, 3, 26, 29, 35, 255}) {
      assertThatThrownBy(() -> secp.recover(DIGEST, withV(sig, v)))
          .isInstanceOf(InvalidSignatureException.class)
          .hasMessageContaining("v must be 0, 1, 27 or 28");
      assertThat(secp.verify(DIGEST, withV(sig, v), SIGNER)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rejectsHighS(Secp256k1 secp) {
    Signature sig = secp.sign(DIGEST, KEY);
    // (r, n - s) with the other parity is the same point: valid ECDSA, but malleable
    BigInteger highS = SignatureChecks.N.subtract(sig.s().toBigInteger());
    Signature malleated = Signature.of(sig.r(), Bytes32.fromUint256(highS), 55 - sig.v());
    assertThatThrownBy(() -> secp.recover(DIGEST, malleated))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("high s");
    assertThat(secp.verify(DIGEST, malleated, SIGNER)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rejectsZeroAndOutOfRangeRAndS(Secp256k1 secp) {
    Signature sig = secp.sign(DIGEST, KEY);
    Bytes32 n = Bytes32.fromUint256(SignatureChecks.N);
    assertThatThrownBy(() -> secp.recover(DIGEST, Signature.of(Bytes32.ZERO, sig.s(), sig.v())))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("r is out of range");
    assertThatThrownBy(() -> secp.recover(DIGEST, Signature.of(sig.r(), Bytes32.ZERO, sig.v())))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("s is out of range");
    assertThatThrownBy(() -> secp.recover(DIGEST, Signature.of(n, sig.s(), sig.v())))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("r is out of range");
    assertThatThrownBy(() -> secp.recover(DIGEST, Signature.of(new byte[65])))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rejectsRThatIsNoCurvePoint(Secp256k1 secp) {
    // x = 5: 5^3 + 7 = 132 is not a square mod p, so no point has this x coordinate
    Signature sig = Signature.of(Bytes32.fromUint(5), Bytes32.fromUint(1), 27);
    assertThatThrownBy(() -> secp.recover(DIGEST, sig))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("no public key");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void signsDeterministicallyWithLowS(Secp256k1 secp) {
    Signature first = secp.sign(DIGEST, KEY);
    assertThat(secp.sign(DIGEST, KEY)).isEqualTo(first);
    assertThat(first.s().toBigInteger()).isLessThanOrEqualTo(SignatureChecks.HALF_N);
    assertThat(first.v()).isIn(27, 28);
    assertThat(secp.addressOf(KEY)).isEqualTo(SIGNER);
  }
}
