package network.hermes.node.transport;

/** Why a provider did not connect a stream's destination: the code byte of OPEN_FAIL. */
public enum OpenFailure {
  /** The destination policy forbids it. */
  NOT_ALLOWED(1),
  /** The host name does not resolve. */
  UNKNOWN_HOST(2),
  /** The destination refused the TCP connection. */
  REFUSED(3),
  /** No route to the destination. */
  UNREACHABLE(4),
  /** The TCP connection timed out. */
  TIMED_OUT(5),
  /** No paid session is running on this connection (not yet, or not any more). */
  NO_SESSION(6),
  /** The destination is not {@code host:port}. */
  BAD_DESTINATION(7),
  /** Anything else. */
  FAILED(8);

  private final int code;

  OpenFailure(int code) {
    this.code = code;
  }

  /** The code byte. */
  public int code() {
    return code;
  }

  /** The failure of a code byte; unknown codes read as {@link #FAILED}. */
  public static OpenFailure of(int code) {
    for (OpenFailure failure : values()) {
      if (failure.code == code) {
        return failure;
      }
    }
    return FAILED;
  }
}
