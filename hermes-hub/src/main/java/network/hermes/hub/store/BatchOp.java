package network.hermes.hub.store;

import java.util.List;
import network.hermes.promise.value.ChainId;

/**
 * One request's work inside a (possibly shared) transaction: which rows it needs, and a pure step
 * over the locked rows that records next states in the {@link BatchState} and returns its result.
 */
public interface BatchOp<R> {
  /** Consumer rows to lock (created when missing). */
  default List<Keys.Consumer> consumers() {
    return List.of();
  }

  /** Provider channel rows to lock (created when missing). */
  default List<Keys.Channel> channels() {
    return List.of();
  }

  /** Agreement rows to read (guarded by the consumer lock). */
  default List<Keys.Agreement> agreements() {
    return List.of();
  }

  /** Issued-promise rows to read (guarded by the channel lock). */
  default List<Keys.Issued> issued() {
    return List.of();
  }

  /**
   * Chains whose promised total (the solvency guard's ledger row) this operation reads; the row is
   * locked after the consumer and channel rows.
   */
  default List<ChainId> ledgers() {
    return List.of();
  }

  /** Decide and record next states; must not do I/O. Runs after the previous op of the batch. */
  R apply(BatchState state);
}
