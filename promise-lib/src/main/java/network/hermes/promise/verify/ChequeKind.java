package network.hermes.promise.verify;

/** What a verified cheque is. */
public enum ChequeKind {
  /** A promise on a consumer channel (12 leading zero bytes in the channel id). */
  CONSUMER_PROMISE("consumer-promise"),
  /** A promise on a provider channel (a full 32-byte channel id). */
  PROVIDER_PROMISE("provider-promise"),
  /** An exchange message wrapping a consumer promise. */
  EXCHANGE_MESSAGE("exchange-message");

  private final String label;

  ChequeKind(String label) {
    this.label = label;
  }

  /**
   * The name the CLI prints.
   *
   * @return for example {@code consumer-promise}
   */
  public String label() {
    return label;
  }
}
