package network.hermes.promise.message;

import java.util.Objects;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * A payload signed as {@code sign(keccak256(preimage))}, with no message prefix. Every record of
 * this package that a contract or the hub checks implements it.
 */
public interface Signable {
  /**
   * The exact bytes that are hashed and signed ({@code abi.encodePacked} layout).
   *
   * @return a fresh array
   */
  byte[] preimage();

  /**
   * The digest that is signed.
   *
   * @return {@code keccak256(preimage())}
   */
  default Bytes32 hash() {
    return Keccak.hash(preimage());
  }

  /**
   * Signs the payload.
   *
   * @param signer the identity that signs
   * @return a low-s signature with v 27/28
   */
  default Signature sign(Signer signer) {
    return Objects.requireNonNull(signer, "signer").sign(hash());
  }

  /**
   * Recovers who signed the payload.
   *
   * @param signature the signature over {@link #hash()}
   * @param secp256k1 the implementation to recover with
   * @return the signer's address
   * @throws network.hermes.promise.crypto.InvalidSignatureException if the signature cannot be
   *     recovered
   */
  default Address recoverSigner(Signature signature, Secp256k1 secp256k1) {
    return secp256k1.recover(hash(), signature);
  }
}
