package network.hermes.hub.chain;

/** Asks the chain source to start following an identity a request mentioned. */
public interface ChainWatch {
  ChainWatch NONE = (chainId, identity) -> {};

  void watch(long chainId, String identity);
}
