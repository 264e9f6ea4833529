package network.hermes.promise.wire;

/**
 * Wire JSON that cannot be read: invalid JSON, a missing field, or a field of the wrong type, sign,
 * size or format. The message starts with the path of the offending field, for example {@code
 * exchange_message.Promise.Amount: expected a non-negative integer}.
 */
public final class MalformedWireException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The dotted path of the offending field. */
  private final String path;

  /** What is wrong with it. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param path the dotted path of the offending field, or {@code "(root)"}
   * @param reason what is wrong with it
   */
  public MalformedWireException(String path, String reason) {
    super(path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /**
   * The dotted path of the offending field.
   *
   * @return for example {@code exchange_message.Promise.Amount}, or {@code "(root)"}
   */
  public String path() {
    return path;
  }

  /**
   * What is wrong with the field.
   *
   * @return for example {@code expected a non-negative integer}
   */
  public String reason() {
    return reason;
  }
}
