package network.hermes.node.transport;

import java.io.IOException;

/** The peer broke the framing or flow-control rules; the connection is closed. */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what was broken. */
  public ProtocolException(String message) {
    super(message);
  }
}
