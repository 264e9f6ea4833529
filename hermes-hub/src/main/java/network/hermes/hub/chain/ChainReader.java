package network.hermes.hub.chain;

import network.hermes.hub.core.ChainFacts;

/**
 * Reads facts from the chain itself. Blocking (RPC): only the refresher calls it, on its own
 * thread, never a request.
 */
public interface ChainReader {
  long chainId();

  ChainFacts.Consumer consumer(String identity);

  ChainFacts.ProviderChannel channel(String channelId);

  ChainFacts.Hermes hermes();
}
