package network.hermes.node.proxy;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import network.hermes.node.transport.MuxStream;
import network.hermes.node.transport.OpenFailure;
import network.hermes.node.transport.Splice;
import network.hermes.node.transport.StreamOpenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's local proxy: SOCKS5 (RFC 1928, no authentication, CONNECT, with host names passed
 * to the provider unresolved) and HTTP CONNECT on the same loopback port, told apart by the first
 * byte. Each accepted connection becomes one tunnel stream.
 */
public final class LocalProxy implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalProxy.class);
  private static final int SOCKS_VERSION = 5;
  private static final int MAX_HTTP_HEAD = 8192;

  private final ServerSocket server;
  private final StreamOpener opener;
  private final AtomicLong accepted = new AtomicLong();

  private LocalProxy(ServerSocket server, StreamOpener opener) {
    this.server = server;
    this.opener = opener;
  }

  /** Listens on {@code address} (loopback in practice) and serves until closed. */
  public static LocalProxy start(InetSocketAddress address, StreamOpener opener)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 128);
    LocalProxy proxy = new LocalProxy(server, opener);
    Thread.ofVirtual().name("proxy-accept").start(proxy::acceptLoop);
    return proxy;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Client connections accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        Thread.ofVirtual().name("proxy-client").start(() -> serve(client));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        LOG.warn("accept failed: {}", e.getMessage());
      }
    }
  }

  private void serve(Socket client) {
    try {
      client.setTcpNoDelay(true);
      PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1);
      int first = in.read();
      if (first < 0) {
        client.close();
        return;
      }
      in.unread(first);
      if (first == SOCKS_VERSION) {
        socks(client, new DataInputStream(in));
      } else {
        httpConnect(client, in);
      }
    } catch (IOException e) {
      LOG.debug("proxy client failed: {}", e.getMessage());
      closeQuietly(client);
    }
  }

  private void socks(Socket client, DataInputStream in) throws IOException {
    OutputStream out = client.getOutputStream();
    in.readUnsignedByte(); // version, checked by the caller
    int methods = in.readUnsignedByte();
    boolean noAuth = false;
    for (int i = 0; i < methods; i++) {
      noAuth |= in.readUnsignedByte() == 0;
    }
    if (!noAuth) {
      out.write(new byte[] {SOCKS_VERSION, (byte) 0xff});
      client.close();
      return;
    }
    out.write(new byte[] {SOCKS_VERSION, 0});
    out.flush();
    int version = in.readUnsignedByte();
    int command = in.readUnsignedByte();
    in.readUnsignedByte(); // reserved
    int type = in.readUnsignedByte();
    String host;
    switch (type) {
      case 1 -> {
        byte[] v4 = new byte[4];
        in.readFully(v4);
        host = InetAddress.getByAddress(v4).getHostAddress();
      }
      case 3 -> {
        byte[] name = new byte[in.readUnsignedByte()];
        in.readFully(name);
        host = new String(name, StandardCharsets.US_ASCII);
      }
      case 4 -> {
        byte[] v6 = new byte[16];
        in.readFully(v6);
        host = InetAddress.getByAddress(v6).getHostAddress();
      }
      default -> {
        socksReply(out, 8); // address type not supported
        client.close();
        return;
      }
    }
    int port = in.readUnsignedShort();
    if (version != SOCKS_VERSION || command != 1) {
      socksReply(out, 7); // command not supported
      client.close();
      return;
    }
    Destination destination;
    try {
      destination = new Destination(host, port);
    } catch (IllegalArgumentException e) {
      socksReply(out, 1);
      client.close();
      return;
    }
    MuxStream stream;
    try {
      stream = opener.open(destination);
    } catch (StreamOpenException e) {
      LOG.info("{} refused: {}", destination, e.getMessage());
      socksReply(out, socksCode(e.failure()));
      client.close();
      return;
    } catch (IOException e) {
      LOG.info("{} not opened: {}", destination, e.getMessage());
      socksReply(out, 1);
      client.close();
      return;
    }
    socksReply(out, 0);
    Splice.start(client, stream);
  }

  private static void socksReply(OutputStream out, int code) throws IOException {
    out.write(new byte[] {SOCKS_VERSION, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
    out.flush();
  }

  static int socksCode(OpenFailure failure) {
    return switch (failure) {
      case NOT_ALLOWED -> 2; // connection not allowed by ruleset
      case UNKNOWN_HOST, TIMED_OUT -> 4; // host unreachable
      case UNREACHABLE -> 3; // network unreachable
      case REFUSED -> 5; // connection refused
      case NO_SESSION, BAD_DESTINATION, FAILED -> 1; // general failure
    };
  }

  private void httpConnect(Socket client, InputStream in) throws IOException {
    OutputStream out = client.getOutputStream();
    String head;
    try {
      head = readHead(in);
    } catch (IOException e) {
      httpReply(out, 400, "Bad Request", "unreadable request: " + e.getMessage());
      client.close();
      return;
    }
    String[] requestLine = head.split("\r\n", 2)[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
      httpReply(out, 400, "Bad Request", "not an HTTP/1 request");
      client.close();
      return;
    }
    if (!requestLine[0].toUpperCase(Locale.ROOT).equals("CONNECT")) {
      httpReply(out, 405, "Method Not Allowed", "this proxy only tunnels: use CONNECT (or SOCKS5)");
      client.close();
      return;
    }
    Destination destination;
    try {
      destination = Destination.parse(requestLine[1]);
    } catch (IllegalArgumentException e) {
      httpReply(out, 400, "Bad Request", e.getMessage());
      client.close();
      return;
    }
    MuxStream stream;
    try {
      stream = opener.open(destination);
    } catch (StreamOpenException e) {
      LOG.info("{} refused: {}", destination, e.getMessage());
      int status = httpStatus(e.failure());
      httpReply(out, status, reasonPhrase(status), e.getMessage());
      client.close();
      return;
    } catch (IOException e) {
      httpReply(out, 503, "Service Unavailable", e.getMessage());
      client.close();
      return;
    }
    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Splice.start(client, stream);
  }

  static int httpStatus(OpenFailure failure) {
    return switch (failure) {
      case NOT_ALLOWED -> 403;
      case TIMED_OUT -> 504;
      case NO_SESSION -> 503;
      case BAD_DESTINATION -> 400;
      case UNKNOWN_HOST, REFUSED, UNREACHABLE, FAILED -> 502;
    };
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Bad Gateway";
    };
  }

  private static void httpReply(OutputStream out, int status, String phrase, String message)
      throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + phrase
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("request ended before its headers");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HTTP_HEAD) {
        throw new IOException("request head over " + MAX_HTTP_HEAD + " bytes");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
