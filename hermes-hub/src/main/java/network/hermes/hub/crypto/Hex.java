package network.hermes.hub.crypto;

import java.util.HexFormat;

/** Lowercase hex with an optional 0x on input and a 0x on output. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Decodes hex with or without 0x; throws IllegalArgumentException on bad input. */
  public static byte[] decode(String s) {
    String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    if ((h.length() & 1) != 0) {
      throw new IllegalArgumentException("odd-length hex");
    }
    return HEX.parseHex(h);
  }

  public static String encode(byte[] b) {
    return HEX.formatHex(b);
  }

  public static String prefixed(byte[] b) {
    return "0x" + HEX.formatHex(b);
  }
}
