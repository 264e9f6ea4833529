package network.hermes.hub.crypto;

import java.util.concurrent.ConcurrentHashMap;
import network.hermes.hub.core.ChannelMath;

/** {@link ChannelMath} for one hub deployment, memoised (keccak per lookup is wasted work). */
public final class HubChannelMath implements ChannelMath {
  private final byte[] hermes;
  private final byte[] registry;
  private final byte[] channelImplementation;
  private final ConcurrentHashMap<String, String> consumerChannels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> providerChannels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> withdrawalChannels = new ConcurrentHashMap<>();

  public HubChannelMath(String hermesId, String registry, String channelImplementation) {
    this.hermes = Hex.decode(hermesId);
    this.registry = Hex.decode(registry);
    this.channelImplementation = Hex.decode(channelImplementation);
  }

  @Override
  public String consumerChannel(String identity) {
    return bounded(consumerChannels)
        .computeIfAbsent(
            identity,
            id ->
                Hex.prefixed(
                    Preimages.consumerChannel(
                        Hex.decode(id), hermes, registry, channelImplementation)));
  }

  @Override
  public String providerChannelId(String identity) {
    return bounded(providerChannels)
        .computeIfAbsent(
            identity, id -> Hex.prefixed(Preimages.providerChannelId(Hex.decode(id), hermes)));
  }

  @Override
  public String withdrawalChannelId(String identity) {
    return bounded(withdrawalChannels)
        .computeIfAbsent(
            identity, id -> Hex.prefixed(Preimages.withdrawalChannelId(Hex.decode(id), hermes)));
  }

  private static ConcurrentHashMap<String, String> bounded(ConcurrentHashMap<String, String> m) {
    if (m.size() > 1_000_000) {
      m.clear();
    }
    return m;
  }
}
