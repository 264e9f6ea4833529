package network.hermes.contracts.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.promise.value.Bytes32;

/**
 * A mined, successful transaction.
 *
 * @param txHash the transaction hash
 * @param blockNumber the block it was mined in
 * @param gasUsed gas used by the transaction
 * @param events what it did: the logs of the deployment's contracts and of consumer channels in it,
 *     decoded, in log order
 */
public record TxResult(
    Bytes32 txHash, long blockNumber, BigInteger gasUsed, List<ChainEvent> events) {
  public TxResult {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(gasUsed, "gasUsed");
    events = List.copyOf(events);
  }
}
