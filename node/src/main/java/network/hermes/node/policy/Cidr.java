package network.hermes.node.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}); a bare
 * address is a single-address range.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses a range; only literal addresses are accepted (no name lookups).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Cidr parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
    byte[] address = literal(addressPart);
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("range " + text + ": prefix is not a number");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("range " + text + ": prefix must be 0.." + bits);
      }
    }
    return new Cidr(mask(address, prefix), prefix, trimmed);
  }

  /** True when {@code address} lies in the range (an IPv4 range never holds an IPv6 address). */
  public boolean contains(InetAddress address) {
    byte[] raw = address.getAddress();
    return raw.length == network.length && Arrays.equals(mask(raw, prefix), network);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  private static byte[] literal(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("range " + text + ": not an IP address literal");
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("range " + text + ": not an IP address literal", e);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
