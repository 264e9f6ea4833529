package network.hermes.promise.crypto;

import java.util.Objects;
import network.hermes.promise.value.Bytes32;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256). The only class
 * that touches the hash API.
 */
public final class Keccak {
  private Keccak() {}

  /**
   * Hashes bytes with Keccak-256.
   *
   * @param input the bytes to hash
   * @return the 32-byte digest
   */
  public static Bytes32 hash(byte[] input) {
    Objects.requireNonNull(input, "input");
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return Bytes32.of(out);
  }
}
