package network.hermes.settler.store;

/** The earnings store or the settlement history cannot be read or written. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the file
   * @param cause the underlying failure, or null
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
