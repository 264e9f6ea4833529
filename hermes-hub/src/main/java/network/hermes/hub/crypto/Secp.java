package network.hermes.hub.crypto;

import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * The hub's byte-array view of promise-lib's secp256k1 (native libsecp256k1 by default; the system
 * property {@code hermes.secp256k1=java} selects the pure-Java implementation, same results).
 */
public final class Secp {
  private static final Secp DEFAULT = new Secp(Secp256k1s.getDefault());

  private final Secp256k1 impl;

  private Secp(Secp256k1 impl) {
    this.impl = impl;
  }

  public static Secp get() {
    return DEFAULT;
  }

  /** The promise-lib implementation behind this view. */
  public Secp256k1 impl() {
    return impl;
  }

  public String name() {
    return impl.name();
  }

  /**
   * Recovers the signer address of a 65-byte r|s|v signature (v in 0/1/27/28) over {@code hash}.
   *
   * @return the 20-byte address, or null when the signature is malformed, high-s or unrecoverable
   */
  public byte[] recoverAddress(byte[] hash, byte[] sig) {
    if (hash.length != 32 || sig.length != 65) {
      return null;
    }
    try {
      return impl.recover(Bytes32.of(hash), Signature.of(sig)).toBytes();
    } catch (InvalidSignatureException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Signs with RFC 6979 nonces and low s; returns r|s|v with v 27/28. */
  public byte[] sign(byte[] hash, byte[] privateKey) {
    return impl.sign(Bytes32.of(hash), PrivateKey.of(privateKey)).toBytes();
  }

  public byte[] addressOfKey(byte[] privateKey) {
    Address a = impl.addressOf(PrivateKey.of(privateKey));
    return a.toBytes();
  }
}
