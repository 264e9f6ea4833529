package network.hermes.promise.crypto;

import java.util.Objects;
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
   * Signs a digest with a key given for this one call. To sign many digests with the same key, use
   * {@link #signer(PrivateKey)}: it gives the same signatures at less cost per signature, because
   * it derives what depends only on the key once.
   *
   * @param digest the 32-byte hash to sign (already keccak-hashed; it is not hashed again)
   * @param key the private key
   * @return a 65-byte signature with low s and v 27 or 28
   * @throws NullPointerException if {@code digest} or {@code key} is null
   */
  Signature sign(Bytes32 digest, PrivateKey key);

  /**
   * Prepares a key for repeated signing. The returned signer's {@link Signer#sign(Bytes32)} gives
   * exactly the signature {@link #sign(Bytes32, PrivateKey)} gives for the same digest and key (RFC
   * 6979 nonce, low s, v 27 or 28), byte for byte; what an implementation may precompute from the
   * key alone (its public key, its address) is computed here, once. The native implementation keeps
   * the public key, so that finding v costs one public-key recovery instead of a key derivation and
   * a recovery; the pure-Java one keeps its key pair.
   *
   * <p>The signer holds the key in memory for as long as it is reachable, as {@link KeySigner} does
   * (which is built on this method). It is immutable and safe to share between threads.
   *
   * <p>The default implementation derives the address once and signs through {@link #sign(Bytes32,
   * PrivateKey)}.
   *
   * @param key the private key
   * @return a signer for {@code key}, whose {@link Signer#address()} is {@link
   *     #addressOf(PrivateKey) addressOf(key)}
   * @throws NullPointerException if {@code key} is null
   */
  default Signer signer(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    return new PreparedSigner(addressOf(key), digest -> sign(digest, key));
  }

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
