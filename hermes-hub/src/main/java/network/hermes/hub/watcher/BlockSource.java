package network.hermes.hub.watcher;

import java.util.List;
import java.util.Optional;
import network.hermes.contracts.chain.ChainReads;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.promise.value.Bytes32;

/** The chain as the watcher sees it. Blocking: the watcher's own thread only. */
public interface BlockSource {
  long latestBlock();

  /** The hash of block {@code number}, or empty when the chain is not that long (any more). */
  Optional<Bytes32> blockHash(long number);

  /** The timestamp of block {@code number}, unix seconds. */
  long blockTime(long number);

  /** The decoded events of blocks {@code from..to} inclusive, in chain order. */
  List<ChainEvent> events(long from, long to);

  /** Contract state as of block {@code number}. */
  ChainReads at(long number);
}
