package network.hermes.hub.store;

import network.hermes.hub.core.Rejection;

/** A database fault mapped to a domain outcome (SQLSTATE to rejection). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Rejection rejection;

  public StoreException(Rejection rejection, String message, Throwable cause) {
    super(message, cause);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
