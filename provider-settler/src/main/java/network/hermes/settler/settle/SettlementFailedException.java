package network.hermes.settler.settle;

import network.hermes.settler.history.SettlementRecord;

/**
 * A settlement was sent (or handed to the relay) and did not settle; the history holds the attempt
 * with its outcome.
 */
public final class SettlementFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SettlementRecord record;

  /**
   * Creates the exception.
   *
   * @param record the attempt as recorded
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public SettlementFailedException(SettlementRecord record, String message, Throwable cause) {
    super(message, cause);
    this.record = record;
  }

  /**
   * The attempt as the history holds it.
   *
   * @return the record
   */
  public SettlementRecord record() {
    return record;
  }
}
