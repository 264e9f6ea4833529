package network.hermes.node.policy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import network.hermes.node.proxy.Destination;
import network.hermes.node.transport.OpenFailure;
import network.hermes.node.transport.StreamOpenException;

/**
 * The provider's side of a stream: resolves the destination, lets the policy pick an allowed
 * address, and connects to exactly that address (no second lookup a name could answer differently).
 */
public final class ExitConnector {
  /** Name resolution, replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    /** All addresses of a host name or literal. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private final DestinationPolicy policy;
  private final Resolver resolver;
  private final Duration connectTimeout;

  /** Creates a connector. */
  public ExitConnector(DestinationPolicy policy, Resolver resolver, Duration connectTimeout) {
    this.policy = policy;
    this.resolver = resolver;
    this.connectTimeout = connectTimeout;
  }

  /** A connector resolving with the system resolver. */
  public static ExitConnector system(DestinationPolicy policy, Duration connectTimeout) {
    return new ExitConnector(
        policy, host -> Arrays.asList(InetAddress.getAllByName(host)), connectTimeout);
  }

  /**
   * Connects to a destination.
   *
   * @throws StreamOpenException naming why it was not connected
   */
  public Socket connect(Destination destination) throws StreamOpenException {
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(destination.host());
    } catch (UnknownHostException e) {
      throw new StreamOpenException(
          OpenFailure.UNKNOWN_HOST, "host " + destination.host() + " does not resolve");
    }
    InetAddress chosen;
    try {
      chosen = policy.choose(destination.host(), addresses);
    } catch (DestinationDeniedException e) {
      throw new StreamOpenException(OpenFailure.NOT_ALLOWED, e.getMessage());
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(chosen, destination.port()),
          Math.toIntExact(connectTimeout.toMillis()));
      return socket;
    } catch (SocketTimeoutException e) {
      close(socket);
      throw new StreamOpenException(
          OpenFailure.TIMED_OUT, "connecting " + destination + " timed out");
    } catch (ConnectException e) {
      close(socket);
      throw new StreamOpenException(OpenFailure.REFUSED, destination + " refused the connection");
    } catch (NoRouteToHostException e) {
      close(socket);
      throw new StreamOpenException(OpenFailure.UNREACHABLE, "no route to " + destination);
    } catch (IOException e) {
      close(socket);
      throw new StreamOpenException(
          OpenFailure.FAILED, "connecting " + destination + ": " + e.getMessage());
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // never connected
    }
  }
}
