package network.hermes.promise.value;

import java.util.Arrays;

/**
 * A 65-byte secp256k1 signature {@code r(32) ‖ s(32) ‖ v(1)}. Any {@code v} byte is held as given
 * so that a received signature can be reported exactly; {@link
 * network.hermes.promise.crypto.Secp256k1} decides whether it verifies.
 */
public final class Signature {
  /** Number of bytes. */
  public static final int SIZE = 65;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies 65 bytes.
   *
   * @param bytes exactly 65 bytes {@code r ‖ s ‖ v}; the array is copied
   * @return the signature
   * @throws IllegalArgumentException if {@code bytes} is null or not 65 bytes long
   */
  public static Signature of(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("signature: null");
    }
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("signature: expected 65 bytes, got " + bytes.length);
    }
    return new Signature(bytes.clone());
  }

  /**
   * Builds a signature from its parts.
   *
   * @param r the r word
   * @param s the s word
   * @param v the recovery byte, 0..255
   * @return the signature
   * @throws IllegalArgumentException if v is outside 0..255
   */
  public static Signature of(Bytes32 r, Bytes32 s, int v) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException("signature: v must be a byte, got " + v);
    }
    byte[] out = new byte[SIZE];
    System.arraycopy(r.toBytes(), 0, out, 0, 32);
    System.arraycopy(s.toBytes(), 0, out, 32, 32);
    out[64] = (byte) v;
    return new Signature(out);
  }

  /**
   * Parses 130 hex digits, either case, with or without {@code 0x}.
   *
   * @param hex the text
   * @return the signature
   * @throws IllegalArgumentException if the text is not 130 hex digits
   */
  public static Signature fromHex(String hex) {
    return new Signature(Hex.decodeExact(hex, SIZE, "signature"));
  }

  /**
   * The r word.
   *
   * @return bytes 0..31
   */
  public Bytes32 r() {
    return Bytes32.of(Arrays.copyOfRange(bytes, 0, 32));
  }

  /**
   * The s word.
   *
   * @return bytes 32..63
   */
  public Bytes32 s() {
    return Bytes32.of(Arrays.copyOfRange(bytes, 32, 64));
  }

  /**
   * The recovery byte as an unsigned value.
   *
   * @return 0..255; valid signatures carry 0, 1, 27 or 28
   */
  public int v() {
    return bytes[64] & 0xff;
  }

  /**
   * Returns this signature with v rewritten to 27/28, the form payment objects are stored and sent
   * in ({@code v = 27 + v mod 2}).
   *
   * @return the same r and s with v 27 or 28
   * @throws IllegalStateException if v is not 0, 1, 27 or 28
   */
  public Signature withV27() {
    int v = v();
    if (v == 27 || v == 28) {
      return this;
    }
    if (v != 0 && v != 1) {
      throw new IllegalStateException("signature: v must be 0, 1, 27 or 28, got " + v);
    }
    byte[] out = bytes.clone();
    out[64] = (byte) (27 + v);
    return new Signature(out);
  }

  /**
   * Returns a copy of the 65 bytes.
   *
   * @return a fresh array
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Returns lowercase hex with {@code 0x}.
   *
   * @return {@code "0x"} followed by 130 lowercase hex digits
   */
  public String toHex() {
    return Hex.encodePrefixed(bytes);
  }

  /**
   * Returns lowercase hex without a prefix, as the exchange message JSON carries it.
   *
   * @return 130 lowercase hex digits
   */
  public String toHexNoPrefix() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature other && Arrays.equals(bytes, other.bytes);
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
