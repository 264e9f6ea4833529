package network.hermes.settler.settle;

import network.hermes.settler.policy.Refusal;

/** A settlement was not attempted; nothing was sent and nothing changed. */
public final class SettlementRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Refusal reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message what exactly, with the amounts
   */
  public SettlementRefusedException(Refusal reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Why the settlement was refused.
   *
   * @return the reason
   */
  public Refusal reason() {
    return reason;
  }
}
