package network.hermes.promise.value;

import java.nio.charset.StandardCharsets;

/** Hexadecimal encoding as used on the wire: lowercase output, optional {@code 0x} on input. */
public final class Hex {
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  // the value of each ASCII hex digit, -1 for every other character below 128
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 10; i++) {
      VALUES['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      VALUES['a' + i] = (byte) (10 + i);
      VALUES['A' + i] = (byte) (10 + i);
    }
  }

  private Hex() {}

  /**
   * Encodes bytes as lowercase hex without a prefix.
   *
   * @param bytes the bytes to encode
   * @return {@code 2 * bytes.length} lowercase hex digits
   */
  public static String encode(byte[] bytes) {
    // built as Latin-1 bytes: the string takes them as they are, with no char[] to compress
    byte[] out = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /**
   * Encodes bytes as lowercase hex with a {@code 0x} prefix.
   *
   * @param bytes the bytes to encode
   * @return {@code "0x"} followed by {@code 2 * bytes.length} lowercase hex digits
   */
  public static String encodePrefixed(byte[] bytes) {
    return "0x" + encode(bytes);
  }

  /**
   * Decodes hex digits of either case, with or without a leading {@code 0x}/{@code 0X}.
   *
   * @param hex the text to decode
   * @return the decoded bytes
   * @throws IllegalArgumentException if the text is null, has an odd number of digits or a non-hex
   *     character
   */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("hex string is null");
    }
    int from = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
    int digits = hex.length() - from;
    if (digits % 2 != 0) {
      throw new IllegalArgumentException("hex string has an odd number of digits (" + digits + ")");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = value(hex.charAt(from + 2 * i));
      int lo = value(hex.charAt(from + 2 * i + 1));
      if ((hi | lo) < 0) {
        throw new IllegalArgumentException("not a hex string: " + abbreviate(hex));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /**
   * Decodes hex that must encode exactly {@code length} bytes.
   *
   * @param hex the text to decode, optional {@code 0x}
   * @param length the required number of bytes
   * @param what a name for the value, used in the error message
   * @return the decoded bytes
   * @throws IllegalArgumentException if the text is not hex or has the wrong length
   */
  public static byte[] decodeExact(String hex, int length, String what) {
    byte[] bytes;
    try {
      bytes = decode(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          what
              + ": expected "
              + length
              + " bytes ("
              + 2 * length
              + " hex digits), got "
              + bytes.length);
    }
    return bytes;
  }

  /**
   * Tells whether the text is an even number of hex digits (either case, no prefix), the check
   * upstream applies to channel ids and hashlocks.
   *
   * @param text the text to test; {@code null} is not hex
   * @return true when every character is a hex digit and the length is even
   */
  public static boolean isHex(String text) {
    if (text == null || text.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!isAsciiHex(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiHex(char c) {
    return value(c) >= 0;
  }

  private static int value(char c) {
    return c < 128 ? VALUES[c] : -1;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
