package network.hermes.node.transport;

/** The kinds of frame on a node connection; docs/node.md describes each. */
public enum FrameType {
  /** Stream 0: version, identity and its channel-binding proof. First frame of each side. */
  HELLO(1),
  /** Stream 0: the sender refuses the connection; payload is the reason (UTF-8). Last frame. */
  REFUSE(2),
  /** Stream 0: a session control message (JSON). */
  CONTROL(3),
  /** A new stream from the consumer; payload is the destination {@code host:port} (UTF-8). */
  OPEN(4),
  /** The provider connected the stream's destination. */
  OPEN_OK(5),
  /** The provider did not connect the destination: a reason code byte and text. */
  OPEN_FAIL(6),
  /** Stream bytes, at most the credit the receiver granted. */
  DATA(7),
  /** More credit for the stream: a 4-byte big-endian increment. */
  WINDOW(8),
  /** The sender will send no more data on the stream (half close). */
  FIN(9),
  /** The stream is aborted in both directions; payload is the reason (UTF-8). */
  RESET(10);

  private static final FrameType[] BY_CODE = new FrameType[11];

  static {
    for (FrameType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  /** The type byte. */
  public int code() {
    return code;
  }

  /** The type of a code, or null when unknown. */
  public static FrameType of(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
