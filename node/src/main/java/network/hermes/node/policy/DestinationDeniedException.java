package network.hermes.node.policy;

/** The destination policy refuses every address of a destination. */
public final class DestinationDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the reason. */
  public DestinationDeniedException(String message) {
    super(message);
  }
}
