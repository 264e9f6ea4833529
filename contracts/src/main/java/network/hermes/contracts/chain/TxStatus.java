package network.hermes.contracts.chain;

/**
 * Where a broadcast transaction stands.
 *
 * @param state unknown to the node, pending in its pool, mined and successful, or mined and
 *     reverted
 * @param result the mined transaction when it succeeded, else null
 */
public record TxStatus(State state, TxResult result) {
  /** The states of a transaction as the node reports them. */
  public enum State {
    UNKNOWN,
    PENDING,
    SUCCEEDED,
    REVERTED
  }

  static TxStatus of(State state) {
    return new TxStatus(state, null);
  }
}
