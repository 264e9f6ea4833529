package network.hermes.promise.recovery;

/** Recovery data that cannot be opened: not hex, too short, tampered with, or another key's. */
public final class InvalidRecoveryDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong
   * @param cause the underlying failure, or null
   */
  public InvalidRecoveryDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
