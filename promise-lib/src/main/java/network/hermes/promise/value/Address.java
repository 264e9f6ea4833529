package network.hermes.promise.value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import network.hermes.promise.crypto.Keccak;

/** A 20-byte Ethereum account or contract address. */
public final class Address {
  /** Number of bytes. */
  public static final int SIZE = 20;

  /** The zero address. */
  public static final Address ZERO = new Address(new byte[SIZE]);

  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Copies 20 bytes.
   *
   * @param bytes exactly 20 bytes; the array is copied
   * @return the address
   * @throws IllegalArgumentException if {@code bytes} is null or not 20 bytes long
   */
  public static Address of(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("address: null");
    }
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("address: expected 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /**
   * Parses 40 hex digits with or without {@code 0x}, in any case. The EIP-55 checksum is not
   * enforced: mixed case is read as plain hex, as upstream does.
   *
   * @param hex the text
   * @return the address
   * @throws IllegalArgumentException if the text is not 40 hex digits
   */
  public static Address fromHex(String hex) {
    return new Address(Hex.decodeExact(hex, SIZE, "address"));
  }

  /**
   * Returns a copy of the 20 bytes.
   *
   * @return a fresh array
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Returns the address left-padded to a 32-byte word, as {@code uint256(uint160(a))}.
   *
   * @return 12 zero bytes followed by the address
   */
  public Bytes32 toBytes32() {
    return Bytes32.leftPad(bytes);
  }

  /**
   * Returns lowercase hex with {@code 0x}.
   *
   * @return {@code "0x"} followed by 40 lowercase hex digits
   */
  public String toHex() {
    return Hex.encodePrefixed(bytes);
  }

  /**
   * Returns the EIP-55 mixed-case checksum form.
   *
   * @return {@code "0x"} followed by 40 hex digits whose case encodes the checksum
   */
  public String toChecksumHex() {
    String lower = Hex.encode(bytes);
    byte[] hash = Keccak.hash(lower.getBytes(StandardCharsets.US_ASCII)).toBytes();
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && Arrays.equals(bytes, other.bytes);
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
