package network.hermes.promise.recovery;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Hex;

/**
 * Encrypts R for {@code r_recovery_data}, so that the hub can hold it for a provider who may lose
 * it, and only that provider can read it back.
 *
 * <p>Key: the first 32 bytes of HKDF-SHA512 with the provider's private scalar as input key
 * material (big-endian, leading zero bytes stripped), no salt and no info. Cipher: AES-256-GCM with
 * a random 12-byte nonce and no associated data. Blob: {@code nonce ‖ ciphertext ‖ tag}, sent as
 * lowercase hex without {@code 0x}.
 */
public final class RRecovery {
  /** Length of the GCM nonce. */
  public static final int NONCE_LENGTH = 12;

  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  private RRecovery(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * Prepares encryption under a provider's key.
   *
   * @param providerKey the provider's private key
   * @return the encryptor/decryptor
   */
  public static RRecovery forKey(PrivateKey providerKey) {
    return new RRecovery(deriveKey(providerKey));
  }

  /**
   * Derives the AES-256 key.
   *
   * @param providerKey the provider's private key
   * @return 32 bytes: HKDF-SHA512(ikm = scalar bytes without leading zeros, salt = none, info =
   *     none), truncated
   */
  public static byte[] deriveKey(PrivateKey providerKey) {
    byte[] ikm = unsignedMinimal(providerKey.toBytes());
    try {
      Mac extract = Mac.getInstance("HmacSHA512");
      // an absent salt is a string of HashLen zeros (RFC 5869, 2.2)
      extract.init(new SecretKeySpec(new byte[64], "HmacSHA512"));
      byte[] prk = extract.doFinal(ikm);
      Mac expand = Mac.getInstance("HmacSHA512");
      expand.init(new SecretKeySpec(prk, "HmacSHA512"));
      byte[] t1 = expand.doFinal(new byte[] {1});
      return Arrays.copyOf(t1, 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 unavailable", e);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /**
   * Encrypts recovery details with a fresh random nonce.
   *
   * @param details R and its agreement id
   * @param random the nonce source
   * @return the blob as lowercase hex, no {@code 0x}
   */
  public String encrypt(RecoveryDetails details, SecureRandom random) {
    byte[] nonce = new byte[NONCE_LENGTH];
    Objects.requireNonNull(random, "random").nextBytes(nonce);
    return Hex.encode(seal(details.toJson(), nonce));
  }

  /**
   * Decrypts recovery data.
   *
   * @param hex the blob as hex (an optional {@code 0x} is accepted)
   * @return R and its agreement id
   * @throws InvalidRecoveryDataException if the data is not hex, cannot be opened with this key, or
   *     does not hold recovery details
   */
  public RecoveryDetails decrypt(String hex) {
    byte[] blob;
    try {
      blob = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecoveryDataException("r recovery data: " + e.getMessage(), e);
    }
    byte[] plaintext = open(blob);
    try {
      return RecoveryDetails.fromJson(plaintext);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecoveryDataException(e.getMessage(), e);
    }
  }

  /**
   * Encrypts bytes with a given nonce. Reusing a nonce under one key breaks GCM; production code
   * calls {@link #encrypt(RecoveryDetails, SecureRandom)}.
   *
   * @param plaintext the bytes to encrypt
   * @param nonce 12 bytes
   * @return {@code nonce ‖ ciphertext ‖ tag}
   */
  public byte[] seal(byte[] plaintext, byte[] nonce) {
    if (nonce == null || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("nonce must be 12 bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[NONCE_LENGTH + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
      System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts {@code nonce ‖ ciphertext ‖ tag}.
   *
   * @param blob the sealed bytes
   * @return the plaintext
   * @throws InvalidRecoveryDataException if the blob is too short or fails authentication
   */
  public byte[] open(byte[] blob) {
    if (blob == null || blob.length < NONCE_LENGTH + TAG_BITS / 8) {
      throw new InvalidRecoveryDataException("r recovery data: too short", null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_LENGTH));
      return cipher.doFinal(blob, NONCE_LENGTH, blob.length - NONCE_LENGTH);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new InvalidRecoveryDataException(
          "r recovery data: authentication failed (tampered, or another key's)", e);
    } catch (GeneralSecurityException e) {
      throw new InvalidRecoveryDataException("r recovery data: cannot decrypt", e);
    }
  }

  private static byte[] unsignedMinimal(byte[] bigEndian) {
    byte[] twos = new BigInteger(1, bigEndian).toByteArray();
    return twos[0] == 0 ? Arrays.copyOfRange(twos, 1, twos.length) : twos;
  }

  @Override
  public String toString() {
    return "RRecovery[key redacted]";
  }
}
