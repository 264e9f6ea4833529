package network.hermes.node.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/** Reads and writes {@link Frame}s; see docs/node.md for the layout. */
public final class FrameCodec {
  private FrameCodec() {}

  /**
   * Reads one frame.
   *
   * @return the frame, or null at a clean end of stream before a header
   * @throws ProtocolException on an unknown type or an oversized payload
   */
  public static Frame read(DataInputStream in) throws IOException {
    int code = in.read();
    if (code < 0) {
      return null;
    }
    FrameType type = FrameType.of(code);
    if (type == null) {
      throw new ProtocolException("unknown frame type " + code);
    }
    int stream = in.readInt();
    int length = in.readInt();
    int max = type == FrameType.DATA ? Frame.MAX_DATA : Frame.MAX_CONTROL;
    if (length < 0 || length > max) {
      throw new ProtocolException(
          type + " frame of " + Integer.toUnsignedString(length) + " bytes");
    }
    byte[] payload = new byte[length];
    try {
      in.readFully(payload);
    } catch (EOFException e) {
      throw new ProtocolException("connection ended inside a " + type + " frame");
    }
    return new Frame(type, stream, payload);
  }

  /** Encodes a frame into one array, so that it leaves in a single write (one TLS record). */
  public static byte[] encode(FrameType type, int stream, byte[] payload, int offset, int length) {
    byte[] out = new byte[Frame.HEADER_LENGTH + length];
    out[0] = (byte) type.code();
    putInt(out, 1, stream);
    putInt(out, 5, length);
    System.arraycopy(payload, offset, out, Frame.HEADER_LENGTH, length);
    return out;
  }

  /** Writes a frame. */
  public static void write(OutputStream out, Frame frame) throws IOException {
    out.write(encode(frame.type(), frame.stream(), frame.payload(), 0, frame.payload().length));
    out.flush();
  }

  static void putInt(byte[] target, int at, int value) {
    target[at] = (byte) (value >>> 24);
    target[at + 1] = (byte) (value >>> 16);
    target[at + 2] = (byte) (value >>> 8);
    target[at + 3] = (byte) value;
  }

  static int getInt(byte[] source, int at) {
    return ((source[at] & 0xff) << 24)
        | ((source[at + 1] & 0xff) << 16)
        | ((source[at + 2] & 0xff) << 8)
        | (source[at + 3] & 0xff);
  }
}
