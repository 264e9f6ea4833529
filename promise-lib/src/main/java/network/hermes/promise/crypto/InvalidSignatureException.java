package network.hermes.promise.crypto;

/**
 * A signature that cannot be recovered: v not in {0, 1, 27, 28}, r or s out of range, s in the
 * upper half of the curve order, or no curve point for r. Unchecked, because callers that accept
 * untrusted signatures turn it into a rejection at one place and everybody else treats it as a bug.
 */
public final class InvalidSignatureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the signature
   */
  public InvalidSignatureException(String message) {
    super(message);
  }
}
