package network.hermes.promise.crypto;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * Something that signs digests for one identity: a key in memory, a keystore, a hardware module.
 * Payment objects take a {@code Signer} (see {@code UnsignedPromise.sign}) rather than a raw key.
 */
public interface Signer {
  /**
   * The address whose key signs.
   *
   * @return the signer's address
   */
  Address address();

  /**
   * Signs a 32-byte digest without hashing or prefixing it.
   *
   * @param digest the keccak256 hash of a preimage
   * @return a low-s signature with v 27 or 28
   */
  Signature sign(Bytes32 digest);
}
