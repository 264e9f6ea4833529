package network.hermes.settler.settle;

/**
 * A call to the hub failed: the hub refused it (with the upstream {@code cause} string), or it
 * could not be reached at all.
 */
public final class HubCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String cause;
  private final String data;
  private final boolean unreachable;

  private HubCallException(
      String message, String cause, String data, boolean unreachable, Throwable t) {
    super(message, t);
    this.cause = cause;
    this.data = data;
    this.unreachable = unreachable;
  }

  /**
   * The hub answered with an error.
   *
   * @param cause the exact {@code cause} string of the error body
   * @param message the hub's message
   * @param data the error's {@code data}, or null
   * @return the exception
   */
  public static HubCallException refused(String cause, String message, String data) {
    return new HubCallException(cause + ": " + message, cause, data, false, null);
  }

  /**
   * The hub could not be reached or answered something that is not the API's.
   *
   * @param message what failed
   * @param t the underlying failure, or null
   * @return the exception
   */
  public static HubCallException unreachable(String message, Throwable t) {
    return new HubCallException(message, null, null, true, t);
  }

  /**
   * The upstream cause string, e.g. {@code promise is not the latest}.
   *
   * @return the cause, or null when the hub was unreachable
   */
  public String hubCause() {
    return cause;
  }

  /**
   * The error's data (for {@code r recovery required}: the recovery blob).
   *
   * @return the data, or null
   */
  public String data() {
    return data;
  }

  /**
   * Whether the hub could not be reached (as opposed to refusing).
   *
   * @return true when unreachable
   */
  public boolean isUnreachable() {
    return unreachable;
  }

  /**
   * Whether the hub refused with this cause.
   *
   * @param expected a cause string
   * @return true when the hub answered with exactly that cause
   */
  public boolean is(String expected) {
    return expected.equals(cause);
  }
}
