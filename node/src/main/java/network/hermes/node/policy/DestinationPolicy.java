package network.hermes.node.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which destinations a provider opens connections to, judged on the addresses a name resolved to
 * (so a name pointing into the provider's own network is caught). Order: an explicit deny wins,
 * then an explicit allow, then the special ranges (loopback, private, link-local, multicast,
 * unspecified and other non-global ranges, IPv4 and IPv6) are denied unless {@code
 * allowSpecialRanges}, then everything else is allowed.
 */
public final class DestinationPolicy {
  private static final List<Cidr> SPECIAL =
      List.of(
              "0.0.0.0/8", // this network, unspecified
              "10.0.0.0/8", // private
              "100.64.0.0/10", // carrier-grade NAT
              "127.0.0.0/8", // loopback
              "169.254.0.0/16", // link-local
              "172.16.0.0/12", // private
              "192.0.0.0/24", // IETF protocol assignments
              "192.168.0.0/16", // private
              "198.18.0.0/15", // benchmarking
              "224.0.0.0/4", // multicast
              "240.0.0.0/4", // reserved, broadcast
              "::/128", // unspecified
              "::1/128", // loopback
              "fc00::/7", // unique local
              "fe80::/10", // link-local
              "ff00::/8") // multicast
          .stream()
          .map(Cidr::parse)
          .toList();

  private final List<Cidr> allow;
  private final List<Cidr> deny;
  private final boolean allowSpecialRanges;

  /**
   * Creates a policy.
   *
   * @param allow ranges allowed even inside the special ranges
   * @param deny ranges always denied
   * @param allowSpecialRanges true to open loopback, private and the other special ranges (demo and
   *     tests only: it exposes the provider's own network to its consumers)
   */
  public DestinationPolicy(List<Cidr> allow, List<Cidr> deny, boolean allowSpecialRanges) {
    this.allow = List.copyOf(allow);
    this.deny = List.copyOf(deny);
    this.allowSpecialRanges = allowSpecialRanges;
  }

  /** The default: special ranges denied, no lists. */
  public static DestinationPolicy defaults() {
    return new DestinationPolicy(List.of(), List.of(), false);
  }

  /** Whether the provider may connect to {@code address}: null when allowed, else why not. */
  public String refusal(InetAddress address) {
    InetAddress judged = embeddedIpv4(address);
    for (Cidr range : deny) {
      if (range.contains(judged) || range.contains(address)) {
        return judged.getHostAddress() + " is in the denied range " + range;
      }
    }
    for (Cidr range : allow) {
      if (range.contains(judged) || range.contains(address)) {
        return null;
      }
    }
    if (!allowSpecialRanges) {
      for (Cidr range : SPECIAL) {
        if (range.contains(judged)) {
          return judged.getHostAddress()
              + " is a "
              + describe(range)
              + " address, which this provider does not connect to";
        }
      }
    }
    return null;
  }

  /**
   * Picks the first allowed address of those a name resolved to.
   *
   * @return the chosen address
   * @throws DestinationDeniedException when none is allowed, naming why for the first
   */
  public InetAddress choose(String host, List<InetAddress> resolved) {
    String first = null;
    for (InetAddress address : resolved) {
      String refusal = refusal(address);
      if (refusal == null) {
        return address;
      }
      if (first == null) {
        first = refusal;
      }
    }
    throw new DestinationDeniedException(
        "destination " + host + " not allowed: " + (first == null ? "no address" : first));
  }

  private static String describe(Cidr range) {
    String text = range.toString().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "127.0.0.0/8", "::1/128" -> "loopback";
      case "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" -> "private";
      case "169.254.0.0/16", "fe80::/10" -> "link-local";
      case "224.0.0.0/4", "ff00::/8" -> "multicast";
      case "0.0.0.0/8", "::/128" -> "unspecified";
      default -> "non-global (" + text + ")";
    };
  }

  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses reach IPv4 hosts
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] raw = address.getAddress();
    for (int i = 0; i < 10; i++) {
      if (raw[i] != 0) {
        return address;
      }
    }
    boolean mapped = (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff;
    boolean compatible = raw[10] == 0 && raw[11] == 0 && (raw[12] | raw[13]) != 0;
    if (!mapped && !compatible) {
      return address;
    }
    try {
      return Inet4Address.getByAddress(new byte[] {raw[12], raw[13], raw[14], raw[15]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
