package network.hermes.hub.crypto;

import java.util.Objects;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;

/**
 * The hub's one signer: the operator key, prepared once by promise-lib, signs hub promises and
 * nothing else. The key never leaves promise-lib's signer (not in toString, not in logs).
 */
public final class OperatorKey {
  private final Signer signer;

  public OperatorKey(PrivateKey key, Secp256k1 secp256k1) {
    this.signer = secp256k1.signer(Objects.requireNonNull(key, "key"));
  }

  public Address address() {
    return signer.address();
  }

  /** The promise signed over keccak(preimage), v 27/28; deterministic (RFC 6979). */
  public Promise sign(UnsignedPromise p) {
    return p.sign(signer);
  }

  @Override
  public String toString() {
    return "OperatorKey[" + address() + "]";
  }
}
