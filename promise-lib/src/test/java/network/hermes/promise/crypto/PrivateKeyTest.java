package network.hermes.promise.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import network.hermes.promise.value.Bytes32;
import org.junit.jupiter.api.Test;

class PrivateKeyTest {
  static final String HEX = "1fd26004a85a0ae04e16b444893ba7408dc7215b3962dda782d1afc6d7441d1e";

  @Test
  void toStringNeverShowsTheKey() {
    PrivateKey key = PrivateKey.fromHex(HEX);
    assertThat(key.toString()).doesNotContain("1fd2").doesNotContain("1d1e").contains("redacted");
    assertThat(new KeySigner(key, new PureJavaSecp256k1()).toString()).doesNotContain("1fd2");
  }

  @Test
  void parsesWithOrWithoutPrefixAndHasContentEquality() {
    assertThat(PrivateKey.fromHex("0x" + HEX.toUpperCase().replace("X", "x")))
        .isEqualTo(PrivateKey.fromHex(HEX))
        .hasSameHashCodeAs(PrivateKey.fromHex(HEX));
  }

  @Test
  void copiesDefensively() {
    byte[] raw = PrivateKey.fromHex(HEX).toBytes();
    PrivateKey key = PrivateKey.of(raw);
    raw[0] ^= 1;
    assertThat(key.toBytes()).isNotEqualTo(raw);
    key.toBytes()[0] ^= 1;
    assertThat(key).isEqualTo(PrivateKey.fromHex(HEX));
  }

  @Test
  void rejectsOutOfRangeScalars() {
    assertThatThrownBy(() -> PrivateKey.of(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> PrivateKey.of(Bytes32.fromUint256(SignatureChecks.N).toBytes()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrivateKey.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> PrivateKey.fromHex("zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hex");
    assertThat(PrivateKey.random(new SecureRandom())).isNotNull();
  }
}
