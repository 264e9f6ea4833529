package network.hermes.promise.value;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/** Exactly 32 bytes: a hash, a hashlock, a secret R, a channel id or a uint256 word. */
public final class Bytes32 {
  /** Number of bytes. */
  public static final int SIZE = 32;

  /** Thirty-two zero bytes. */
  public static final Bytes32 ZERO = new Bytes32(new byte[SIZE]);

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  private final byte[] bytes;

  private Bytes32(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies 32 bytes.
   *
   * @param bytes exactly 32 bytes; the array is copied
   * @return the value
   * @throws IllegalArgumentException if {@code bytes} is null or not 32 bytes long
   */
  public static Bytes32 of(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes32: null");
    }
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("bytes32: expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /**
   * Parses 64 hex digits, either case, with or without {@code 0x}.
   *
   * @param hex the text
   * @return the value
   * @throws IllegalArgumentException if the text is not 64 hex digits
   */
  public static Bytes32 fromHex(String hex) {
    return new Bytes32(Hex.decodeExact(hex, SIZE, "bytes32"));
  }

  /**
   * Left-pads up to 32 bytes with zeros, as Solidity does when it widens a value to a word.
   *
   * @param bytes at most 32 bytes; the array is copied
   * @return the padded value
   * @throws IllegalArgumentException if {@code bytes} is null or longer than 32 bytes
   */
  public static Bytes32 leftPad(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("bytes32: null");
    }
    if (bytes.length > SIZE) {
      throw new IllegalArgumentException("bytes32: cannot pad " + bytes.length + " bytes to 32");
    }
    byte[] out = new byte[SIZE];
    System.arraycopy(bytes, 0, out, SIZE - bytes.length, bytes.length);
    return new Bytes32(out);
  }

  /**
   * Encodes an unsigned 256-bit integer as a big-endian word ({@code pad32}).
   *
   * @param value an integer in {@code [0, 2^256)}
   * @return the 32-byte big-endian encoding
   * @throws IllegalArgumentException if the value is null, negative or does not fit 256 bits
   */
  public static Bytes32 fromUint256(BigInteger value) {
    if (value == null) {
      throw new IllegalArgumentException("uint256: null");
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("uint256: negative value " + value);
    }
    if (value.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException("uint256: value exceeds 2^256-1");
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[SIZE];
    int copy = Math.min(raw.length, SIZE);
    System.arraycopy(raw, raw.length - copy, out, SIZE - copy, copy);
    return new Bytes32(out);
  }

  /**
   * Encodes a non-negative long as a big-endian word.
   *
   * @param value a non-negative value
   * @return the 32-byte big-endian encoding
   * @throws IllegalArgumentException if the value is negative
   */
  public static Bytes32 fromUint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uint256: negative value " + value);
    }
    byte[] out = new byte[SIZE];
    for (int i = 0; i < 8; i++) {
      out[SIZE - 1 - i] = (byte) (value >>> (8 * i));
    }
    return new Bytes32(out);
  }

  /**
   * Draws 32 random bytes.
   *
   * @param random the source of randomness
   * @return a fresh random value
   */
  public static Bytes32 random(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] out = new byte[SIZE];
    random.nextBytes(out);
    return new Bytes32(out);
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return a fresh 32-byte array
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Reads the word as an unsigned big-endian integer.
   *
   * @return a value in {@code [0, 2^256)}
   */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /**
   * Tells whether the first {@code count} bytes are zero.
   *
   * @param count how many leading bytes to test, at most 32
   * @return true when they are all zero
   */
  public boolean hasLeadingZeroBytes(int count) {
    if (count < 0 || count > SIZE) {
      throw new IllegalArgumentException("count must be in [0, 32]: " + count);
    }
    for (int i = 0; i < count; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the value as lowercase hex with {@code 0x}.
   *
   * @return {@code "0x"} followed by 64 lowercase hex digits
   */
  public String toHex() {
    return Hex.encodePrefixed(bytes);
  }

  /**
   * Returns the value as lowercase hex without a prefix.
   *
   * @return 64 lowercase hex digits
   */
  public String toHexNoPrefix() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
