package network.hermes.hub.chain;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.hermes.hub.core.ChainFacts;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/** Facts held in maps: the cache behind {@link PgChainView}, and a stand-in for unit tests. */
public class MemoryChainView implements ChainView {
  private record ConsumerKey(ChainId chainId, Address identity) {}

  private record ChannelKey(ChainId chainId, Bytes32 channelId) {}

  private final Map<ConsumerKey, ChainFacts.Consumer> consumers = new ConcurrentHashMap<>();
  private final Map<ChannelKey, ChainFacts.ProviderChannel> channels = new ConcurrentHashMap<>();
  private final Map<ChainId, ChainFacts.Hermes> hermes = new ConcurrentHashMap<>();
  private volatile Instant asOf = Instant.EPOCH;

  @Override
  public ChainFacts.Consumer consumer(ChainId chainId, Address identity) {
    return consumers.getOrDefault(new ConsumerKey(chainId, identity), ChainFacts.Consumer.UNKNOWN);
  }

  @Override
  public ChainFacts.ProviderChannel channel(ChainId chainId, Bytes32 channelId) {
    return channels.getOrDefault(
        new ChannelKey(chainId, channelId), ChainFacts.ProviderChannel.UNKNOWN);
  }

  @Override
  public ChainFacts.Hermes hermes(ChainId chainId) {
    return hermes.getOrDefault(chainId, ChainFacts.Hermes.UNKNOWN);
  }

  @Override
  public Instant asOf() {
    return asOf;
  }

  @Override
  public boolean knowsConsumer(ChainId chainId, Address identity) {
    return consumers.containsKey(new ConsumerKey(chainId, identity));
  }

  @Override
  public boolean knowsChannel(ChainId chainId, Bytes32 channelId) {
    return channels.containsKey(new ChannelKey(chainId, channelId));
  }

  public void putConsumer(ChainId chainId, Address identity, ChainFacts.Consumer facts) {
    consumers.put(new ConsumerKey(chainId, identity), facts);
  }

  public void putChannel(ChainId chainId, Bytes32 channelId, ChainFacts.ProviderChannel facts) {
    channels.put(new ChannelKey(chainId, channelId), facts);
  }

  public void putHermes(ChainId chainId, ChainFacts.Hermes facts) {
    hermes.put(chainId, facts);
  }

  public void setAsOf(Instant asOf) {
    this.asOf = asOf;
  }

  public int size() {
    return consumers.size() + channels.size() + hermes.size();
  }
}
