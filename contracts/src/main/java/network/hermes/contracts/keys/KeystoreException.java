package network.hermes.contracts.keys;

/** A keystore file that cannot be opened: unreadable, not a V3 keystore, or the wrong password. */
public final class KeystoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** The file cannot be read. */
    UNREADABLE,
    /** The file is not an Ethereum V3 keystore this library can open. */
    MALFORMED,
    /** The password does not open the keystore (its MAC does not match). */
    WRONG_PASSWORD
  }

  private final Reason reason;

  KeystoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * What went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
