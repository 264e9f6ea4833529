package network.hermes.promise.crypto;

import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/** A {@link Signer} holding a private key in memory. */
public final class KeySigner implements Signer {
  private final PrivateKey key;
  private final Secp256k1 secp256k1;
  private final Address address;

  /**
   * Creates a signer.
   *
   * @param key the private key
   * @param secp256k1 the implementation to sign with
   */
  public KeySigner(PrivateKey key, Secp256k1 secp256k1) {
    this.key = Objects.requireNonNull(key, "key");
    this.secp256k1 = Objects.requireNonNull(secp256k1, "secp256k1");
    this.address = secp256k1.addressOf(key);
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public Signature sign(Bytes32 digest) {
    return secp256k1.sign(Objects.requireNonNull(digest, "digest"), key);
  }

  @Override
  public String toString() {
    return "KeySigner[" + address + "]";
  }
}
