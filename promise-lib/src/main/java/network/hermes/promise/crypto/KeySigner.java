package network.hermes.promise.crypto;

import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * A {@link Signer} holding a private key in memory. It prepares the key once, through {@link
 * Secp256k1#signer(PrivateKey)}: with the native implementation each signature then costs one
 * signing and one recovery (to find v) instead of also deriving the public key. The signatures are
 * exactly those of {@link Secp256k1#sign(Bytes32, PrivateKey)}. Immutable and safe to share between
 * threads.
 */
public final class KeySigner implements Signer {
  private final Signer prepared;

  /**
   * Creates a signer and derives its address (and whatever else the implementation prepares).
   *
   * @param key the private key
   * @param secp256k1 the implementation to sign with
   * @throws NullPointerException if {@code key} or {@code secp256k1} is null
   */
  public KeySigner(PrivateKey key, Secp256k1 secp256k1) {
    Objects.requireNonNull(key, "key");
    this.prepared = Objects.requireNonNull(secp256k1, "secp256k1").signer(key);
  }

  @Override
  public Address address() {
    return prepared.address();
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code digest} is null
   */
  @Override
  public Signature sign(Bytes32 digest) {
    return prepared.sign(Objects.requireNonNull(digest, "digest"));
  }

  @Override
  public String toString() {
    return "KeySigner[" + prepared.address() + "]";
  }
}
