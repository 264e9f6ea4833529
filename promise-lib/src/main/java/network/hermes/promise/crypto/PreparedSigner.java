package network.hermes.promise.crypto;

import java.util.Objects;
import java.util.function.Function;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * What {@link Secp256k1#signer(PrivateKey)} returns: an address derived once and a signing function
 * that an implementation may have prepared for its key (for instance with the public key cached).
 * Holds no library types itself, so the raw crypto stays inside the implementation classes.
 */
final class PreparedSigner implements Signer {
  private final Address address;
  private final Function<Bytes32, Signature> sign;

  PreparedSigner(Address address, Function<Bytes32, Signature> sign) {
    this.address = Objects.requireNonNull(address, "address");
    this.sign = Objects.requireNonNull(sign, "sign");
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public Signature sign(Bytes32 digest) {
    return sign.apply(Objects.requireNonNull(digest, "digest"));
  }

  @Override
  public String toString() {
    return "Signer[" + address + "]";
  }
}
