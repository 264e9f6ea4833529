package network.hermes.promise.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import org.junit.jupiter.api.Test;

/**
 * {@link Secp256k1#signer(PrivateKey)} gives exactly the signatures of the one-shot {@link
 * Secp256k1#sign(Bytes32, PrivateKey)}, on both implementations and through the interface's
 * default.
 */
class PreparedSignerTest {
  static final int KEYS = 1_000;
  static final int DIGESTS_PER_KEY = 3;

  @Test
  void preparedSignersSignExactlyLikeOneShotSigningOnBothBackends() {
    Secp256k1 fast = new NativeSecp256k1();
    Secp256k1 slow = new PureJavaSecp256k1();
    SecureRandom random = SeededRandom.of(20260122L);
    Set<Integer> vs = new HashSet<>();
    for (int i = 0; i < KEYS; i++) {
      PrivateKey key = PrivateKey.random(random);
      Signer nativeSigner = fast.signer(key);
      Signer javaSigner = slow.signer(key);
      Address address = fast.addressOf(key);
      assertThat(nativeSigner.address()).as("native address #%d", i).isEqualTo(address);
      assertThat(javaSigner.address()).as("java address #%d", i).isEqualTo(address);
      for (int j = 0; j < DIGESTS_PER_KEY; j++) {
        Bytes32 digest = Bytes32.random(random);
        Signature expected = fast.sign(digest, key);
        assertThat(nativeSigner.sign(digest)).as("native #%d/%d", i, j).isEqualTo(expected);
        assertThat(javaSigner.sign(digest)).as("java #%d/%d", i, j).isEqualTo(expected);
        assertThat(slow.sign(digest, key)).as("java one-shot #%d/%d", i, j).isEqualTo(expected);
        assertThat(fast.recover(digest, expected)).isEqualTo(address);
        vs.add(expected.v());
      }
    }
    // both outcomes of the single recovery that finds v were exercised
    assertThat(vs).containsExactlyInAnyOrder(27, 28);
  }

  @Test
  void keySignerSignsThroughThePreparedPath() {
    SecureRandom random = SeededRandom.of(7L);
    for (Secp256k1 secp : new Secp256k1[] {new NativeSecp256k1(), new PureJavaSecp256k1()}) {
      for (int i = 0; i < 50; i++) {
        PrivateKey key = PrivateKey.random(random);
        KeySigner signer = new KeySigner(key, secp);
        assertThat(signer.address()).isEqualTo(secp.addressOf(key));
        Bytes32 digest = Bytes32.random(random);
        assertThat(signer.sign(digest)).isEqualTo(secp.sign(digest, key));
      }
    }
  }

  @Test
  void interfaceDefaultSignsThroughOneShotSigning() {
    Secp256k1 backing = new NativeSecp256k1();
    Secp256k1 plain = new OneShotOnly(backing);
    SecureRandom random = SeededRandom.of(11L);
    for (int i = 0; i < 50; i++) {
      PrivateKey key = PrivateKey.random(random);
      Signer signer = plain.signer(key);
      assertThat(signer.address()).isEqualTo(backing.addressOf(key));
      Bytes32 digest = Bytes32.random(random);
      assertThat(signer.sign(digest)).isEqualTo(backing.sign(digest, key));
    }
  }

  @Test
  void nullsAreRejectedAndTheKeyIsNeverPrinted() {
    for (Secp256k1 secp :
        new Secp256k1[] {
          new NativeSecp256k1(), new PureJavaSecp256k1(), new OneShotOnly(new NativeSecp256k1())
        }) {
      assertThatThrownBy(() -> secp.signer(null)).isInstanceOf(NullPointerException.class);
      Signer signer = secp.signer(Secp256k1Test.KEY);
      assertThatThrownBy(() -> signer.sign(null)).isInstanceOf(NullPointerException.class);
      assertThat(signer.toString())
          .contains(Secp256k1Test.SIGNER.toHex())
          .doesNotContain("1fd26004a85a0ae04e16b444893ba7408dc7215b3962dda782d1afc6d7441d1e");
    }
    assertThatThrownBy(() -> new KeySigner(null, new NativeSecp256k1()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new NativeSecp256k1().sign(null, Secp256k1Test.KEY))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new PureJavaSecp256k1().sign(null, Secp256k1Test.KEY))
        .isInstanceOf(NullPointerException.class);
  }

  /** An implementation that does not override {@code signer}, to test the interface default. */
  private record OneShotOnly(Secp256k1 delegate) implements Secp256k1 {
    @Override
    public Signature sign(Bytes32 digest, PrivateKey key) {
      return delegate.sign(digest, key);
    }

    @Override
    public Address recover(Bytes32 digest, Signature signature) {
      return delegate.recover(digest, signature);
    }

    @Override
    public Address addressOf(PrivateKey key) {
      return delegate.addressOf(key);
    }

    @Override
    public String name() {
      return "one-shot";
    }
  }
}
