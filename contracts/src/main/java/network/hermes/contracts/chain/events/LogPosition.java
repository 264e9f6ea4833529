package network.hermes.contracts.chain.events;

import java.util.Comparator;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * Where a log was emitted.
 *
 * @param blockNumber its block
 * @param blockHash that block's hash (a reorganisation changes it)
 * @param txHash the transaction
 * @param logIndex its index in the block
 * @param emitter the contract that emitted it
 */
public record LogPosition(
    long blockNumber, Bytes32 blockHash, Bytes32 txHash, long logIndex, Address emitter) {
  /** Chain order: block, then index in the block. */
  public static final Comparator<LogPosition> CHAIN_ORDER =
      Comparator.comparingLong(LogPosition::blockNumber).thenComparingLong(LogPosition::logIndex);

  public LogPosition {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(emitter, "emitter");
  }
}
