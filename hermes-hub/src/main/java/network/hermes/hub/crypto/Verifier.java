package network.hermes.hub.crypto;

import java.util.Objects;
import java.util.Optional;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * The hub's one verifier: who signed what a client sent, through promise-lib's recovery. A
 * signature that cannot be recovered (v not 0/1/27/28, r or s out of range, high s) has no signer:
 * the caller turns that into a rejection, never an exception.
 */
public final class Verifier {
  private final Secp256k1 secp256k1;

  public Verifier(Secp256k1 secp256k1) {
    this.secp256k1 = Objects.requireNonNull(secp256k1, "secp256k1");
  }

  public Secp256k1 secp256k1() {
    return secp256k1;
  }

  public Optional<Address> signer(Bytes32 digest, Signature signature) {
    try {
      return Optional.of(secp256k1.recover(digest, signature));
    } catch (InvalidSignatureException e) {
      return Optional.empty();
    }
  }

  public Optional<Address> signer(Promise promise) {
    return signer(promise.hash(), promise.signature());
  }

  public Optional<Address> signer(ExchangeMessage message) {
    return signer(message.hash(), message.signature());
  }
}
