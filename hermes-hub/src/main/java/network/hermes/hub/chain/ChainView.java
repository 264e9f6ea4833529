package network.hermes.hub.chain;

import io.vertx.core.Future;
import java.time.Instant;
import network.hermes.hub.core.ChainFacts;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * Read port for chain facts. Implementations answer from memory: a request never waits on the chain
 * (or on the database) for a fact.
 */
public interface ChainView {
  ChainFacts.Consumer consumer(ChainId chainId, Address identity);

  ChainFacts.ProviderChannel channel(ChainId chainId, Bytes32 channelId);

  ChainFacts.Hermes hermes(ChainId chainId);

  /** Whether any facts of the identity were read (UNKNOWN from {@link #consumer} otherwise). */
  boolean knowsConsumer(ChainId chainId, Address identity);

  /** Whether any facts of the provider channel were read. */
  boolean knowsChannel(ChainId chainId, Bytes32 channelId);

  /** When the view last caught up with its source. */
  Instant asOf();

  /**
   * Brings the view up to date with its source now; completes once facts committed before the call
   * are visible. A view that is its own source is always up to date.
   */
  default Future<Void> catchUp() {
    return Future.succeededFuture();
  }

  default ChainFacts.View view(
      ChainId chainId, Address consumer, Bytes32 outputChannel, Bytes32 earningsChannel) {
    return new ChainFacts.View(
        consumer(chainId, consumer),
        channel(chainId, outputChannel),
        channel(chainId, earningsChannel),
        hermes(chainId),
        asOf());
  }
}
