package network.hermes.hub.crypto;

import java.math.BigInteger;
import network.hermes.hub.core.HubPromise;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;

/**
 * The operator key that signs hub promises. Its bytes never leave this class (not in toString, not
 * in logs).
 */
public final class OperatorKey {
  private final byte[] privateKey;
  private final String address;
  private final Secp secp;
  private final KeySigner signer;

  public OperatorKey(byte[] privateKey, Secp secp) {
    if (privateKey.length != 32) {
      throw new IllegalArgumentException("a private key has 32 bytes");
    }
    this.privateKey = privateKey.clone();
    this.secp = secp;
    this.address = Hex.prefixed(secp.addressOfKey(this.privateKey));
    this.signer = new KeySigner(PrivateKey.of(this.privateKey), secp.impl());
  }

  public static OperatorKey of(BigInteger key, Secp secp) {
    return new OperatorKey(Preimages.pad32(key), secp);
  }

  public String address() {
    return address;
  }

  /** 65-byte r|s|v (v 27/28) over keccak(promise preimage); deterministic (RFC 6979). */
  public byte[] sign(HubPromise p) {
    return signer.sign(Messages.unsigned(p).hash()).toBytes();
  }

  public static byte[] preimage(HubPromise p) {
    return Messages.preimage(p);
  }

  @Override
  public String toString() {
    return "OperatorKey[" + address + "]";
  }
}
