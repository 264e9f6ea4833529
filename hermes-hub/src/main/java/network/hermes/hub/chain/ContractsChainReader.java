package network.hermes.hub.chain;

import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ConsumerChannelState;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.hub.core.ChainFacts;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/** {@link ChainReader} over the contracts module's chain port. */
public final class ContractsChainReader implements ChainReader {
  private final ChainClient client;

  public ContractsChainReader(ChainClient client) {
    this.client = client;
  }

  @Override
  public long chainId() {
    return client.chainId().value();
  }

  @Override
  public ChainFacts.Consumer consumer(String identity) {
    Address id = Address.fromHex(identity);
    boolean registered = client.isRegistered(id);
    ConsumerChannelState ch = client.consumerChannel(client.consumerChannelAddress(id));
    return new ChainFacts.Consumer(registered, ch.balance(), ch.settled());
  }

  @Override
  public ChainFacts.ProviderChannel channel(String channelId) {
    ProviderChannelState s = client.providerChannel(Bytes32.fromHex(channelId));
    return new ChainFacts.ProviderChannel(s.settled(), s.stake());
  }

  @Override
  public ChainFacts.Hermes hermes() {
    HermesState h = client.hermes();
    return new ChainFacts.Hermes(
        h.status().ordinal(), h.activeFeeBps(), h.minStake(), h.maxStake(), h.availableBalance());
  }
}
