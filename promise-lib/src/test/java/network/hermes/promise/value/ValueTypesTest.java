package network.hermes.promise.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  static final String ADDRESS = "0xf53acdd584ccb85ee4ec1590007ad3c16fdff057";

  @Test
  void addressParsesAnyCaseWithOrWithoutPrefix() {
    Address a = Address.fromHex(ADDRESS);
    assertThat(Address.fromHex(ADDRESS.substring(2).toUpperCase())).isEqualTo(a);
    assertThat(Address.fromHex("0X" + ADDRESS.substring(2))).isEqualTo(a);
    assertThat(a.toHex()).isEqualTo(ADDRESS);
    assertThat(a.toString()).isEqualTo(ADDRESS);
    assertThat(a.toBytes32().toHex())
        .isEqualTo("0x000000000000000000000000" + ADDRESS.substring(2));
    assertThat(Address.ZERO.toHex()).isEqualTo("0x" + "0".repeat(40));
  }

  @Test
  void addressChecksumFollowsEip55() {
    // the EIP-55 specification's own examples
    for (String s :
        new String[] {
          "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
          "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
        }) {
      assertThat(Address.fromHex(s).toChecksumHex()).isEqualTo(s);
    }
  }

  @Test
  void addressRejectsBadInput() {
    assertThatThrownBy(() -> Address.fromHex("0x1234"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("address")
        .hasMessageContaining("20 bytes");
    assertThatThrownBy(() -> Address.fromHex("0x" + "g".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a hex string");
    assertThatThrownBy(() -> Address.fromHex(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.of(new byte[21])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesCopyDefensively() {
    byte[] raw = new byte[20];
    Address a = Address.of(raw);
    raw[0] = 1;
    a.toBytes()[1] = 1;
    assertThat(a).isEqualTo(Address.ZERO);

    byte[] word = new byte[32];
    Bytes32 b = Bytes32.of(word);
    word[0] = 1;
    b.toBytes()[1] = 1;
    assertThat(b).isEqualTo(Bytes32.ZERO);

    byte[] sig = new byte[65];
    Signature s = Signature.of(sig);
    sig[0] = 1;
    s.toBytes()[1] = 1;
    assertThat(s).isEqualTo(Signature.of(new byte[65]));
  }

  @Test
  void bytes32EncodesUintsAndPads() {
    assertThat(Bytes32.fromUint(1401).toHexNoPrefix()).isEqualTo("0".repeat(61) + "579");
    assertThat(Bytes32.fromUint256(BigInteger.valueOf(1401))).isEqualTo(Bytes32.fromUint(1401));
    assertThat(Bytes32.fromUint256(TokenAmount.MAX_VALUE).toHexNoPrefix())
        .isEqualTo("f".repeat(64));
    assertThat(Bytes32.fromUint256(TokenAmount.MAX_VALUE).toBigInteger())
        .isEqualTo(TokenAmount.MAX_VALUE);
    assertThat(Bytes32.leftPad(new byte[] {7}).toBigInteger()).isEqualTo(BigInteger.valueOf(7));
    assertThat(Bytes32.fromUint(1).hasLeadingZeroBytes(31)).isTrue();
    assertThat(Bytes32.fromUint(256).hasLeadingZeroBytes(31)).isFalse();
    assertThat(Bytes32.random(new SecureRandom())).isNotEqualTo(Bytes32.random(new SecureRandom()));
    assertThatThrownBy(() -> Bytes32.fromUint256(TokenAmount.MAX_VALUE.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^256-1");
    assertThatThrownBy(() -> Bytes32.fromUint256(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Bytes32.fromUint(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes32.leftPad(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes32.fromHex("00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Bytes32.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signatureExposesPartsAndNormalisesV() {
    Signature sig =
        Signature.fromHex(
            "0x72051de6f5ca0eaef86ecca3b303fe03b7aca32cc5dc4cbf894f73737f43e24d7599220bfd69a87252f3826e07e28d6ff4704ec316885252bc4f534abcb413d41b");
    assertThat(sig.r().toHexNoPrefix()).startsWith("72051de6").endsWith("43e24d");
    assertThat(sig.s().toHexNoPrefix()).startsWith("7599220b").endsWith("13d4");
    assertThat(sig.v()).isEqualTo(27);
    assertThat(sig.withV27()).isSameAs(sig);
    assertThat(Signature.of(sig.r(), sig.s(), 0).withV27()).isEqualTo(sig);
    assertThat(Signature.of(sig.r(), sig.s(), 1).withV27().v()).isEqualTo(28);
    assertThat(sig.toHexNoPrefix()).isEqualTo(sig.toHex().substring(2)).hasSize(130);
    assertThatThrownBy(() -> Signature.of(sig.r(), sig.s(), 2).withV27())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Signature.of(sig.r(), sig.s(), 256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Signature.fromHex("abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65 bytes");
  }

  @Test
  void tokenAmountArithmeticAndBounds() {
    TokenAmount five = TokenAmount.of(5);
    TokenAmount three = TokenAmount.of(3);
    assertThat(five.plus(three)).isEqualTo(TokenAmount.of(8));
    assertThat(five.minus(three)).isEqualTo(TokenAmount.of(2));
    assertThat(five.minus(five)).isEqualTo(TokenAmount.ZERO);
    assertThat(five.min(three)).isEqualTo(three);
    assertThat(five.max(three)).isEqualTo(five);
    assertThat(five).isGreaterThan(three);
    assertThat(TokenAmount.ZERO.isZero()).isTrue();
    assertThat(TokenAmount.parse("1401").toBytes32()).isEqualTo(Bytes32.fromUint(1401));
    assertThat(TokenAmount.of(BigInteger.TEN)).isEqualTo(TokenAmount.of(10)).hasToString("10");
    assertThatThrownBy(() -> three.minus(five))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("negative");
    TokenAmount max = TokenAmount.of(TokenAmount.MAX_VALUE);
    assertThatThrownBy(() -> max.plus(TokenAmount.of(1)))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("2^256-1");
    assertThatThrownBy(() -> TokenAmount.of(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> TokenAmount.of(TokenAmount.MAX_VALUE.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenAmount.of((BigInteger) null))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad : new String[] {"", "-1", "1.5", "1e3", " 1", "0x10"}) {
      assertThatThrownBy(() -> TokenAmount.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void chainIdIsANonNegativeInt64() {
    assertThat(ChainId.POLYGON.value()).isEqualTo(137);
    assertThat(ChainId.AMOY.value()).isEqualTo(80002);
    assertThat(ChainId.of(137)).isEqualTo(ChainId.POLYGON).hasSameHashCodeAs(ChainId.POLYGON);
    assertThat(ChainId.of(1).toBytes32()).isEqualTo(Bytes32.fromUint(1));
    assertThat(ChainId.of(0).isZero()).isTrue();
    assertThat(ChainId.of(0).toBytes32()).isEqualTo(Bytes32.ZERO);
    assertThat(ChainId.POLYGON.isZero()).isFalse();
    assertThatThrownBy(() -> ChainId.of(-137))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  @Test
  void hexIsStrict() {
    assertThat(Hex.decode("0xABcd")).containsExactly(0xab, 0xcd);
    assertThat(Hex.encode(new byte[] {(byte) 0xab, 0x01})).isEqualTo("ab01");
    assertThat(Hex.decode("")).isEmpty();
    assertThatThrownBy(() -> Hex.decode("abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
    // Character.digit accepts non-ASCII digits; the wire does not
    assertThatThrownBy(() -> Hex.decode("\u0661\u0662"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String notHex : List.of("0g", "g0", "0x/0", ":0", "@0", "`0", "G0", "0\u0130")) {
      assertThatThrownBy(() -> Hex.decode(notHex))
          .as(notHex)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a hex string");
    }
    byte[] every = new byte[256];
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 256; i++) {
      every[i] = (byte) i;
      expected.append(String.format("%02x", i));
    }
    assertThat(Hex.encode(every)).isEqualTo(expected.toString());
    assertThat(Hex.decode(expected.toString().toUpperCase(java.util.Locale.ROOT)))
        .containsExactly(every);
  }
}
