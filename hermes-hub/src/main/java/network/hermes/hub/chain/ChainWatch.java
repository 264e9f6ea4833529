package network.hermes.hub.chain;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/** Asks the chain source to start following an identity a request mentioned. */
public interface ChainWatch {
  ChainWatch NONE = (chainId, identity) -> {};

  void watch(ChainId chainId, Address identity);
}
