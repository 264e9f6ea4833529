package network.hermes.chaintests.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 at the socket level: sends any bytes, reads whatever comes back (status line, headers, a
 * body by length, chunks or close), and says so when nothing comes. One connection, reopened when
 * the server closes it. Not thread-safe: one per worker.
 */
final class RawHttp implements Closeable {
  /** What came back. */
  sealed interface Outcome {}

  /**
   * An answer.
   *
   * @param status the status code
   * @param headers header names in lower case (the last of duplicates)
   * @param body the body
   * @param closes whether the server said it closes the connection
   */
  record Response(int status, Map<String, String> headers, byte[] body, boolean closes)
      implements Outcome {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * No answer.
   *
   * @param why closed, timed out, or unreadable
   */
  record NoAnswer(String why) implements Outcome {}

  private final InetSocketAddress target;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean head;

  RawHttp(String host, int port, int timeoutMillis) {
    this.target = new InetSocketAddress(host, port);
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Sends bytes on the kept connection (opened if needed) and reads one answer.
   *
   * @param request the bytes
   * @param closeAfterSending half-closes the connection after the bytes (a client that stops
   *     mid-request)
   */
  Outcome exchange(byte[] request, boolean closeAfterSending) throws IOException {
    if (socket == null || socket.isClosed()) {
      open();
    }
    head =
        request.length >= 5
            && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    try {
      out.write(request);
      out.flush();
      if (closeAfterSending) {
        socket.shutdownOutput();
      }
    } catch (IOException e) {
      close();
      return new NoAnswer("closed while sending: " + e.getMessage());
    }
    Outcome o = readResponse();
    if (closeAfterSending || !(o instanceof Response r) || r.closes()) {
      close();
    }
    return o;
  }

  /** Reads one more answer on the same connection (pipelined requests). */
  Outcome next() {
    if (socket == null || socket.isClosed()) {
      return new NoAnswer("closed");
    }
    Outcome o = readResponse();
    if (!(o instanceof Response r) || r.closes()) {
      close();
    }
    return o;
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    socket.connect(target, timeoutMillis);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  private Outcome readResponse() {
    try {
      Response r = readOne();
      while (r != null && r.status() >= 100 && r.status() < 200) {
        r = readOne(); // interim answers (100 Continue) come before the real one
      }
      return r == null ? new NoAnswer("closed") : r;
    } catch (SocketTimeoutException e) {
      close();
      return new NoAnswer("timed out");
    } catch (IOException | RuntimeException e) {
      close();
      return new NoAnswer("unreadable: " + e.getMessage());
    }
  }

  private Response readOne() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      return null;
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not a status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String h;
    while ((h = line()) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
    }
    boolean closes = "close".equalsIgnoreCase(headers.get("connection"));
    byte[] body;
    if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
      closes = true;
    }
    return new Response(status, headers, body, closes);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      if (size == null) {
        throw new IOException("closed inside a chunked body");
      }
      int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (n == 0) {
        while (true) {
          String trailer = line();
          if (trailer == null || trailer.isEmpty()) {
            return body.toByteArray();
          }
        }
      }
      body.write(in.readNBytes(n));
      line();
    }
  }

  /** A line without its CRLF (or LF); null at the end of the stream. */
  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
      if (b.size() > 65_536) {
        throw new IOException("line too long");
      }
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
  }
}
