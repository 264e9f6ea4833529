package network.hermes.promise.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import org.junit.jupiter.api.Test;

/**
 * Native and pure-Java secp256k1 agree on every output for many seeded random keys and digests.
 * About 20 s, so it runs with the integration tests, not in the fast unit tier.
 */
class BackendEquivalenceIT {
  static final int CASES = 10_000;

  @Test
  void nativeAndPureJavaAgreeOnSignaturesRecoveriesAndAddresses() {
    Secp256k1 fast = new NativeSecp256k1();
    Secp256k1 slow = new PureJavaSecp256k1();
    SecureRandom random = SeededRandom.of(20240601L);
    for (int i = 0; i < CASES; i++) {
      PrivateKey key = PrivateKey.random(random);
      Bytes32 digest = Bytes32.random(random);

      Address address = fast.addressOf(key);
      assertThat(slow.addressOf(key)).as("address #%d", i).isEqualTo(address);

      Signature signature = fast.sign(digest, key);
      assertThat(slow.sign(digest, key)).as("signature #%d", i).isEqualTo(signature);
      // the prepared native signer (public key kept, one recovery to find v) signs identically
      assertThat(fast.signer(key).sign(digest))
          .as("prepared signature #%d", i)
          .isEqualTo(signature);
      assertThat(signature.v()).isIn(27, 28);
      assertThat(signature.s().toBigInteger()).isLessThanOrEqualTo(SignatureChecks.HALF_N);

      assertThat(fast.recover(digest, signature)).as("native recovery #%d", i).isEqualTo(address);
      assertThat(slow.recover(digest, signature)).as("java recovery #%d", i).isEqualTo(address);

      // a recovery over some other digest yields some other key, identically on both sides
      Bytes32 other = Bytes32.random(random);
      assertThat(slow.recover(other, signature)).isEqualTo(fast.recover(other, signature));
    }
  }
}
