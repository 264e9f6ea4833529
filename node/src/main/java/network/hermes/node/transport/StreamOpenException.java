package network.hermes.node.transport;

import java.io.IOException;

/** The provider did not open a stream to the destination asked for. */
public final class StreamOpenException extends IOException {
  private static final long serialVersionUID = 1L;

  private final OpenFailure failure;

  /** Creates the exception with the provider's failure code and reason. */
  public StreamOpenException(OpenFailure failure, String reason) {
    super(reason);
    this.failure = failure;
  }

  /** Why the stream was not opened. */
  public OpenFailure failure() {
    return failure;
  }
}
