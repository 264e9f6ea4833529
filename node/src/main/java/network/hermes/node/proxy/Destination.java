package network.hermes.node.proxy;

import java.util.Locale;

/**
 * Where a stream goes: a host name or address literal and a port. Written {@code host:port}, with
 * an IPv6 literal in brackets.
 *
 * @param host a name (resolved by the provider) or an address literal
 * @param port 1..65535
 */
public record Destination(String host, int port) {
  /** Validates the components. */
  public Destination {
    if (host == null || host.isEmpty() || host.length() > 255) {
      throw new IllegalArgumentException("destination host must be 1..255 characters");
    }
    if (host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@' || c > 126)) {
      throw new IllegalArgumentException("destination host has characters a host cannot have");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("destination port must be 1..65535, got " + port);
    }
    host = host.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code host:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException when malformed
   */
  public static Destination parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no destination");
    }
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("destination " + text + " is not [address]:port");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || text.indexOf(':') != colon) {
        throw new IllegalArgumentException("destination " + text + " is not host:port");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    try {
      return new Destination(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("destination " + text + ": port is not a number");
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
