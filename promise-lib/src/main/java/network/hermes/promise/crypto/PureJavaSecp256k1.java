package network.hermes.promise.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * secp256k1 in pure Java through web3j's crypto module (BouncyCastle underneath). The fallback when
 * the native library does not load; the only class that touches web3j's signing API.
 */
public final class PureJavaSecp256k1 implements Secp256k1 {
  /** Creates the implementation; it holds no state. */
  public PureJavaSecp256k1() {}

  @Override
  public Signature sign(Bytes32 digest, PrivateKey key) {
    Objects.requireNonNull(digest, "digest");
    return signWith(digest, keyPair(key));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Keeps the key pair (private key and derived public key), so that each signature costs one
   * signing and one recovery instead of also a key derivation.
   */
  @Override
  public Signer signer(PrivateKey key) {
    ECKeyPair pair = keyPair(key);
    return new PreparedSigner(
        addressOfPublicKey(pair.getPublicKey()), digest -> signWith(digest, pair));
  }

  private static ECKeyPair keyPair(PrivateKey key) {
    return ECKeyPair.create(new BigInteger(1, Objects.requireNonNull(key, "key").toBytes()));
  }

  private static Signature signWith(Bytes32 digest, ECKeyPair pair) {
    byte[] message = digest.toBytes();
    // RFC 6979 nonce, s canonicalised to the lower half
    ECDSASignature sig = pair.sign(message);
    BigInteger recovered = Sign.recoverFromSignature(0, sig, message);
    int recId = pair.getPublicKey().equals(recovered) ? 0 : 1;
    return Signature.of(Bytes32.fromUint256(sig.r), Bytes32.fromUint256(sig.s), 27 + recId);
  }

  @Override
  public Address recover(Bytes32 digest, Signature signature) {
    int recId = SignatureChecks.recoveryId(signature);
    ECDSASignature sig =
        new ECDSASignature(signature.r().toBigInteger(), signature.s().toBigInteger());
    BigInteger publicKey;
    try {
      publicKey = Sign.recoverFromSignature(recId, sig, digest.toBytes());
    } catch (RuntimeException e) {
      throw new InvalidSignatureException("invalid signature: no public key can be recovered");
    }
    if (publicKey == null) {
      throw new InvalidSignatureException("invalid signature: no public key can be recovered");
    }
    return addressOfPublicKey(publicKey);
  }

  @Override
  public Address addressOf(PrivateKey key) {
    return addressOfPublicKey(Sign.publicKeyFromPrivate(new BigInteger(1, key.toBytes())));
  }

  @Override
  public String name() {
    return "java";
  }

  private static Address addressOfPublicKey(BigInteger publicKey) {
    byte[] raw = publicKey.toByteArray();
    byte[] xy = new byte[64];
    int copy = Math.min(raw.length, 64);
    System.arraycopy(raw, raw.length - copy, xy, 64 - copy, copy);
    byte[] hash = Keccak.hash(xy).toBytes();
    return Address.of(Arrays.copyOfRange(hash, 12, 32));
  }
}
