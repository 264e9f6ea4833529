package network.hermes.promise.crypto;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * Signs 32-byte digests and recovers signers, the Ethereum way: no message prefix, RFC 6979
 * deterministic nonces, low s, {@code v} 27/28 on output and 0/1/27/28 accepted on input. Obtain
 * one from {@link Secp256k1s#getDefault()}; every implementation gives identical results.
 */
public interface Secp256k1 {
  /**
   * Signs a digest.
   *
   * @param digest the 32-byte hash to sign (already keccak-hashed; it is not hashed again)
   * @param key the private key
   * @return a 65-byte signature with low s and v 27 or 28
   */
  Signature sign(Bytes32 digest, PrivateKey key);

  /**
   * Recovers the address that signed a digest.
   *
   * @param digest the 32-byte hash that was signed
   * @param signature the signature; v may be 0, 1, 27 or 28
   * @return the signer's address
   * @throws InvalidSignatureException if v is not 0/1/27/28, r or s is zero or not below the curve
   *     order, s is in the upper half, or no public key can be recovered
   */
  Address recover(Bytes32 digest, Signature signature);

  /**
   * Derives the address of a private key: the last 20 bytes of keccak256 of the uncompressed public
   * key without its {@code 04} prefix.
   *
   * @param key the private key
   * @return its address
   */
  Address addressOf(PrivateKey key);

  /**
   * Tells whether a signature over a digest recovers to the expected address.
   *
   * @param digest the signed hash
   * @param signature the signature
   * @param expected the address that should have signed
   * @return true when the signature is valid and recovers to {@code expected}; false otherwise,
   *     including for malformed signatures
   */
  default boolean verify(Bytes32 digest, Signature signature, Address expected) {
    try {
      return recover(digest, signature).equals(expected);
    } catch (InvalidSignatureException e) {
      return false;
    }
  }

  /**
   * A short name of the implementation for logs and benchmarks.
   *
   * @return {@code "native"} or {@code "java"}
   */
  String name();
}
