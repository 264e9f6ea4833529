package network.hermes.node.transport;

import java.util.Objects;

/**
 * One frame: {@code type(1) ‖ stream(4) ‖ length(4) ‖ payload(length)}, integers big-endian.
 *
 * @param type the frame type
 * @param stream the stream id, 0 for the connection itself
 * @param payload the payload (not copied: frames are handed over, never shared)
 */
public record Frame(FrameType type, int stream, byte[] payload) {
  /** Header bytes before the payload. */
  public static final int HEADER_LENGTH = 9;

  /** Largest DATA payload: a whole frame then fits one 16 KiB TLS record. */
  public static final int MAX_DATA = 16384 - HEADER_LENGTH;

  /** Largest payload of any other frame. */
  public static final int MAX_CONTROL = 256 * 1024;

  /** Validates the components. */
  public Frame {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
  }

  /** Bytes this frame takes on the wire. */
  public int wireLength() {
    return HEADER_LENGTH + payload.length;
  }
}
