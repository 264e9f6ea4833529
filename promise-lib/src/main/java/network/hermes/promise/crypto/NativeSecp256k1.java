package network.hermes.promise.crypto;

import java.util.Arrays;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;

/**
 * secp256k1 through libsecp256k1 (bitcoin-core) over JNI, from ACINQ's secp256k1-kmp. The only
 * class that touches that library.
 */
public final class NativeSecp256k1 implements Secp256k1 {
  private final fr.acinq.secp256k1.Secp256k1 lib;

  /**
   * Loads the native library.
   *
   * @throws UnsupportedOperationException if the library cannot be loaded on this platform
   */
  public NativeSecp256k1() {
    try {
      this.lib = fr.acinq.secp256k1.Secp256k1.get();
    } catch (RuntimeException | LinkageError e) {
      throw new UnsupportedOperationException(
          "native secp256k1 is not available on this platform: " + e, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>libsecp256k1 over this binding signs without returning the recovery id, so this derives the
   * public key and recovers once to find v: about three elliptic-curve operations. {@link
   * #signer(PrivateKey)} derives the public key once and so saves one of them per signature.
   */
  @Override
  public Signature sign(Bytes32 digest, PrivateKey key) {
    Objects.requireNonNull(digest, "digest");
    return signKnowing(digest, key, publicKeyOf(key));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Keeps the key's uncompressed public key, so that each signature costs one signing and one
   * recovery (to find v, compared against the kept key) instead of also a key derivation.
   */
  @Override
  public Signer signer(PrivateKey key) {
    byte[] publicKey = publicKeyOf(key);
    return new PreparedSigner(
        addressOfPublicKey(publicKey), digest -> signKnowing(digest, key, publicKey));
  }

  /**
   * Signs and finds v by one recovery with recovery id 0, compared with the signer's public key.
   * Recovery id 2 or 3 (r's point has x at least the group order) happens with probability about
   * 2^-128 and is not produced, as in {@link PureJavaSecp256k1}.
   */
  private Signature signKnowing(Bytes32 digest, PrivateKey key, byte[] publicKey) {
    byte[] message = digest.toBytes();
    byte[] secret = key.toBytes();
    try {
      byte[] compact = lib.sign(message, secret);
      int recId = Arrays.equals(lib.ecdsaRecover(compact, message, 0), publicKey) ? 0 : 1;
      byte[] out = Arrays.copyOf(compact, Signature.SIZE);
      out[64] = (byte) (27 + recId);
      return Signature.of(out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The uncompressed public key (65 bytes, {@code 04 || x || y}) of a private key. */
  private byte[] publicKeyOf(PrivateKey key) {
    byte[] secret = Objects.requireNonNull(key, "key").toBytes();
    try {
      return lib.pubkeyCreate(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  @Override
  public Address recover(Bytes32 digest, Signature signature) {
    int recId = SignatureChecks.recoveryId(signature);
    byte[] compact = Arrays.copyOf(signature.toBytes(), 64);
    byte[] publicKey;
    try {
      publicKey = lib.ecdsaRecover(compact, digest.toBytes(), recId);
    } catch (RuntimeException e) {
      throw new InvalidSignatureException("invalid signature: no public key can be recovered");
    }
    return addressOfPublicKey(publicKey);
  }

  @Override
  public Address addressOf(PrivateKey key) {
    return addressOfPublicKey(publicKeyOf(key));
  }

  @Override
  public String name() {
    return "native";
  }

  private static Address addressOfPublicKey(byte[] uncompressed) {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      throw new IllegalStateException("unexpected public key encoding from libsecp256k1");
    }
    byte[] hash = Keccak.hash(Arrays.copyOfRange(uncompressed, 1, 65)).toBytes();
    return Address.of(Arrays.copyOfRange(hash, 12, 32));
  }
}
