package network.hermes.chaintests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a JSON-RPC endpoint that a test can cut and restore: while cut,
 * open connections are closed and new ones are accepted and closed at once (what a hub sees when
 * its RPC provider goes away), so the port stays the proxy's.
 */
public final class RpcProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final AtomicBoolean cut = new AtomicBoolean();
  private final AtomicLong refused = new AtomicLong();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private RpcProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
    this.acceptor = Thread.ofPlatform().daemon().name("rpc-proxy").start(this::accept);
  }

  /**
   * Starts a proxy on a free loopback port.
   *
   * @param targetUrl the endpoint, e.g. {@code http://127.0.0.1:8545}
   * @return the running proxy
   */
  public static RpcProxy start(String targetUrl) {
    URI uri = URI.create(targetUrl);
    try {
      ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      return new RpcProxy(server, new InetSocketAddress(uri.getHost(), uri.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The proxy's URL, to give the hub instead of the endpoint's. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Cuts the endpoint off: every open connection closed, new ones refused until restored. */
  public void cut() {
    cut.set(true);
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  /** Lets connections through again. */
  public void restore() {
    cut.set(false);
  }

  /** Connections turned away while cut. */
  public long refused() {
    return refused.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (cut.get()) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      Thread.ofVirtual().start(() -> relay(client));
    }
  }

  private void relay(Socket client) {
    Socket upstream = new Socket();
    open.add(client);
    open.add(upstream);
    try {
      upstream.connect(target, 5_000);
      Thread back = Thread.ofVirtual().start(() -> pump(upstream, client));
      pump(client, upstream);
      back.join();
    } catch (IOException e) {
      // the endpoint is down or the connection was cut: the client sees it closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
      open.remove(client);
      open.remove(upstream);
    }
  }

  private static void pump(Socket from, Socket to) {
    byte[] buf = new byte[16384];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (SocketException closed) {
      closeQuietly(from);
      closeQuietly(to);
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    cut();
    try {
      acceptor.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
