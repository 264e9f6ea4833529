package network.hermes.hub.chain;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.hermes.hub.core.ChainFacts;

/** Facts held in maps: the cache behind {@link PgChainView}, and a stand-in for unit tests. */
public class MemoryChainView implements ChainView {
  private final Map<String, ChainFacts.Consumer> consumers = new ConcurrentHashMap<>();
  private final Map<String, ChainFacts.ProviderChannel> channels = new ConcurrentHashMap<>();
  private final Map<Long, ChainFacts.Hermes> hermes = new ConcurrentHashMap<>();
  private volatile Instant asOf = Instant.EPOCH;

  private static String key(long chainId, String id) {
    return chainId + "/" + id;
  }

  @Override
  public ChainFacts.Consumer consumer(long chainId, String identity) {
    return consumers.getOrDefault(key(chainId, identity), ChainFacts.Consumer.UNKNOWN);
  }

  @Override
  public ChainFacts.ProviderChannel channel(long chainId, String channelId) {
    return channels.getOrDefault(key(chainId, channelId), ChainFacts.ProviderChannel.UNKNOWN);
  }

  @Override
  public ChainFacts.Hermes hermes(long chainId) {
    return hermes.getOrDefault(chainId, ChainFacts.Hermes.UNKNOWN);
  }

  @Override
  public Instant asOf() {
    return asOf;
  }

  @Override
  public boolean knowsConsumer(long chainId, String identity) {
    return consumers.containsKey(key(chainId, identity));
  }

  @Override
  public boolean knowsChannel(long chainId, String channelId) {
    return channels.containsKey(key(chainId, channelId));
  }

  public void putConsumer(long chainId, String identity, ChainFacts.Consumer facts) {
    consumers.put(key(chainId, identity), facts);
  }

  public void putChannel(long chainId, String channelId, ChainFacts.ProviderChannel facts) {
    channels.put(key(chainId, channelId), facts);
  }

  public void putHermes(long chainId, ChainFacts.Hermes facts) {
    hermes.put(chainId, facts);
  }

  public void setAsOf(Instant asOf) {
    this.asOf = asOf;
  }

  public int size() {
    return consumers.size() + channels.size() + hermes.size();
  }
}
