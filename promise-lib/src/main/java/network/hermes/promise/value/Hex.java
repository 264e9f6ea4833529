package network.hermes.promise.value;

/** Hexadecimal encoding as used on the wire: lowercase output, optional {@code 0x} on input. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /**
   * Encodes bytes as lowercase hex without a prefix.
   *
   * @param bytes the bytes to encode
   * @return {@code 2 * bytes.length} lowercase hex digits
   */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
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
    String digits = stripPrefix(hex);
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "hex string has an odd number of digits (" + digits.length() + ")");
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      char hi = digits.charAt(2 * i);
      char lo = digits.charAt(2 * i + 1);
      if (!isAsciiHex(hi) || !isAsciiHex(lo)) {
        throw new IllegalArgumentException("not a hex string: " + abbreviate(hex));
      }
      out[i] = (byte) ((Character.digit(hi, 16) << 4) | Character.digit(lo, 16));
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
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String stripPrefix(String hex) {
    return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
