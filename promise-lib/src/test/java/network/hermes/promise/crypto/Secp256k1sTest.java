package network.hermes.promise.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Secp256k1sTest {
  @Test
  void choosesByPropertyValue() {
    assertThat(Secp256k1s.choose("java")).isInstanceOf(PureJavaSecp256k1.class);
    assertThat(Secp256k1s.choose(" NATIVE ")).isInstanceOf(NativeSecp256k1.class);
    // the native library ships for this platform, so the automatic choice is native
    assertThat(Secp256k1s.choose(null).name()).isEqualTo("native");
    assertThat(Secp256k1s.choose("").name()).isEqualTo("native");
    assertThat(Secp256k1s.getDefault()).isSameAs(Secp256k1s.getDefault());
  }

  @Test
  void rejectsUnknownValues() {
    assertThatThrownBy(() -> Secp256k1s.choose("openssl"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hermes.secp256k1");
  }
}
