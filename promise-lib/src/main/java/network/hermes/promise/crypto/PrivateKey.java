package network.hermes.promise.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import network.hermes.promise.value.Hex;

/**
 * A secp256k1 private key: a 32-byte scalar in {@code [1, n-1]}. Its {@link #toString()} never
 * shows the key.
 */
public final class PrivateKey {
  private final byte[] bytes;

  private PrivateKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies a 32-byte big-endian scalar.
   *
   * @param bytes exactly 32 bytes; the array is copied
   * @return the key
   * @throws IllegalArgumentException if the bytes are not 32 long or the scalar is 0 or {@code >=
   *     n}
   */
  public static PrivateKey of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException(
          "private key: expected 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    BigInteger d = new BigInteger(1, bytes);
    if (d.signum() == 0 || d.compareTo(SignatureChecks.N) >= 0) {
      throw new IllegalArgumentException("private key: scalar out of range [1, n-1]");
    }
    return new PrivateKey(bytes.clone());
  }

  /**
   * Parses 64 hex digits with or without {@code 0x}.
   *
   * @param hex the key in hex
   * @return the key
   * @throws IllegalArgumentException if the text is not 64 hex digits or the scalar is out of range
   */
  public static PrivateKey fromHex(String hex) {
    byte[] raw;
    try {
      raw = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("private key: not a hex string", e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("private key: expected 32 bytes, got " + raw.length);
    }
    return of(raw);
  }

  /**
   * Draws a fresh key.
   *
   * @param random the source of randomness
   * @return a uniformly random valid key
   */
  public static PrivateKey random(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] candidate = new byte[32];
    while (true) {
      random.nextBytes(candidate);
      BigInteger d = new BigInteger(1, candidate);
      if (d.signum() > 0 && d.compareTo(SignatureChecks.N) < 0) {
        return new PrivateKey(candidate.clone());
      }
    }
  }

  /**
   * Returns a copy of the 32-byte scalar. Handle with care: whoever holds it can sign.
   *
   * @return a fresh array
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Returns a placeholder; the key itself is never printed. */
  @Override
  public String toString() {
    return "PrivateKey[redacted]";
  }
}
