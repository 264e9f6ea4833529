package network.hermes.hub.chain;

import java.time.Instant;
import network.hermes.hub.core.ChainFacts;

/**
 * Read port for chain facts. Implementations answer from memory: a request never waits on the chain
 * (or on the database) for a fact.
 */
public interface ChainView {
  ChainFacts.Consumer consumer(long chainId, String identity);

  ChainFacts.ProviderChannel channel(long chainId, String channelId);

  ChainFacts.Hermes hermes(long chainId);

  /** Whether any facts of the identity were read (UNKNOWN from {@link #consumer} otherwise). */
  boolean knowsConsumer(long chainId, String identity);

  /** Whether any facts of the provider channel were read. */
  boolean knowsChannel(long chainId, String channelId);

  /** When the view last caught up with its source. */
  Instant asOf();

  default ChainFacts.View view(
      long chainId, String consumer, String outputChannel, String earningsChannel) {
    return new ChainFacts.View(
        consumer(chainId, consumer),
        channel(chainId, outputChannel),
        channel(chainId, earningsChannel),
        hermes(chainId),
        asOf());
  }
}
