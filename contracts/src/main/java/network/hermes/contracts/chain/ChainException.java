package network.hermes.contracts.chain;

/** A chain call or transaction failed; the message says which and why (decoded revert if any). */
public class ChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String revertReason;

  public ChainException(String message, String revertReason, Throwable cause) {
    super(message, cause);
    this.revertReason = revertReason;
  }

  public ChainException(String message, Throwable cause) {
    this(message, null, cause);
  }

  public ChainException(String message) {
    this(message, null, null);
  }

  /** The decoded revert (custom error with arguments, or a revert string), or null. */
  public String revertReason() {
    return revertReason;
  }
}
