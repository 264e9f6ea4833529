package network.hermes.contracts.chain;

import java.util.function.Consumer;
import network.hermes.promise.value.Bytes32;

/**
 * A transaction the node accepted and that is not known to be mined yet: send, record the hash,
 * then wait for the receipt. Blocking; never wait on an event loop.
 */
public interface PendingTx {
  /** The hash of the transaction as first broadcast. */
  Bytes32 hash();

  /**
   * Waits until the transaction is mined, re-broadcasting it with higher fees while it stays
   * unmined (each replacement has a hash of its own).
   *
   * @param replaced told the hash of every replacement, before waiting for it
   * @return the mined, successful transaction
   * @throws ChainException when it reverts (with the decoded reason), the node refuses a
   *     replacement, no receipt arrives in time, or the waiting thread is interrupted
   */
  TxResult awaitReceipt(Consumer<Bytes32> replaced);

  /** {@link #awaitReceipt(Consumer)} without being told of replacements. */
  default TxResult awaitReceipt() {
    return awaitReceipt(hash -> {});
  }
}
