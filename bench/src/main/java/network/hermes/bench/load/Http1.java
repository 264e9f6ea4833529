package network.hermes.bench.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal keep-alive HTTP/1.1 client over one socket, one request in flight: the generator must
 * cost little CPU next to the hub it measures on the same two cores. Requests are built once, ahead
 * of time ({@link #request}), and written with one system call; responses are parsed from a
 * reusable buffer (status code and {@code Content-Length} only).
 */
final class Http1 implements Closeable {
  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING =
      "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private byte[] buf = new byte[16384];
  private int start; // first unread byte in buf
  private int end; // one past the last byte read into buf

  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Http1(String host, int port) throws IOException {
    this.socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * The bytes of a complete POST request with a JSON body, to send later with {@link #send}.
   *
   * @param host the {@code Host} header value ({@code host:port})
   */
  static byte[] request(String path, String host, byte[] body) {
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }

  /** Writes a request built by {@link #request} and reads its response. */
  Response send(byte[] request) throws IOException {
    out.write(request);
    return read();
  }

  private Response read() throws IOException {
    int headerEnd;
    while ((headerEnd = indexOfBlankLine()) < 0) {
      fill();
    }
    if (headerEnd - start < 12 || buf[start] != 'H') {
      throw new IOException("not an HTTP response");
    }
    int code =
        (buf[start + 9] - '0') * 100 + (buf[start + 10] - '0') * 10 + (buf[start + 11] - '0');
    int length = 0;
    for (int i = start; i < headerEnd; i++) {
      if (buf[i] == '\n') {
        if (startsWithIgnoreCase(i + 1, headerEnd, CONTENT_LENGTH)) {
          length = parseNumber(i + 1 + CONTENT_LENGTH.length, headerEnd);
        } else if (startsWithIgnoreCase(i + 1, headerEnd, TRANSFER_ENCODING)) {
          throw new IOException("transfer-encoding is not supported");
        }
      }
    }
    start = headerEnd + 4;
    while (end - start < length) {
      fill();
    }
    byte[] body = Arrays.copyOfRange(buf, start, start + length);
    start += length;
    if (start == end) {
      start = 0;
      end = 0;
    }
    return new Response(code, body);
  }

  /** Index of the {@code \r\n\r\n} that ends the head, or -1 if not read yet. */
  private int indexOfBlankLine() {
    for (int i = start; i + 3 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      throw new IOException("connection closed");
    }
    end += n;
  }

  private boolean startsWithIgnoreCase(int from, int limit, byte[] lowerCasePrefix) {
    if (limit - from < lowerCasePrefix.length) {
      return false;
    }
    for (int j = 0; j < lowerCasePrefix.length; j++) {
      byte b = buf[from + j];
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lowerCasePrefix[j]) {
        return false;
      }
    }
    return true;
  }

  private int parseNumber(int from, int limit) throws IOException {
    int i = from;
    while (i < limit && buf[i] == ' ') {
      i++;
    }
    int value = 0;
    int digits = 0;
    while (i < limit && buf[i] >= '0' && buf[i] <= '9') {
      value = value * 10 + (buf[i++] - '0');
      digits++;
    }
    if (digits == 0) {
      throw new IOException("bad content-length");
    }
    return value;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
