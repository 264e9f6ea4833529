package network.hermes.hub.lease;

/** A singleton's write was refused because its instance no longer holds the lease. */
public final class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String name) {
    super("the lease " + name + " is not held by this instance");
  }
}
