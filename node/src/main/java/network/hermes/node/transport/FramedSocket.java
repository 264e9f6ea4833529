package network.hermes.node.transport;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A TLS socket read and written in frames. Writes are serialised by the caller. */
public final class FramedSocket implements Closeable {
  private final NodeTls.Connection connection;
  private final DataInputStream in;
  private final OutputStream out;

  /** Wraps a connection whose TLS handshake is done. */
  public FramedSocket(NodeTls.Connection connection) {
    this.connection = connection;
    this.in = new DataInputStream(new BufferedInputStream(connection.in(), 64 * 1024));
    this.out = connection.out();
  }

  /** The TCP socket underneath. */
  public java.net.Socket socket() {
    return connection.socket();
  }

  /** The connection's RFC 9266 tls-exporter value. */
  public byte[] binding() {
    return connection.binding().clone();
  }

  /** Reads one frame, or null at the end of the connection. */
  public Frame read() throws IOException {
    return FrameCodec.read(in);
  }

  /** Writes encoded frame bytes in one call. */
  public void writeRaw(byte[] encoded) throws IOException {
    out.write(encoded);
    out.flush();
  }

  /** Writes a frame. */
  public void write(Frame frame) throws IOException {
    FrameCodec.write(out, frame);
  }

  /** Sends REFUSE with the reason and closes, ignoring a peer that is already gone. */
  public void refuse(String reason) {
    try {
      write(new Frame(FrameType.REFUSE, 0, reason.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException gone) {
      // the peer left first; the reason is reported locally anyway
    }
    close();
  }

  @Override
  public void close() {
    connection.close();
  }
}
