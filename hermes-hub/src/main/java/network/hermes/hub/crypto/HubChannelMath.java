package network.hermes.hub.crypto;

import java.util.concurrent.ConcurrentHashMap;
import network.hermes.hub.core.ChannelMath;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;

/**
 * {@link ChannelMath} for one hub deployment through promise-lib's {@link ChannelIds}, memoised
 * (two keccaks per request for the same few identities are wasted work).
 */
public final class HubChannelMath implements ChannelMath {
  private final Address hermes;
  private final Address registry;
  private final Address channelImplementation;
  private final ConcurrentHashMap<String, String> consumerChannels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> providerChannels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> withdrawalChannels = new ConcurrentHashMap<>();

  public HubChannelMath(Address hermesId, Address registry, Address channelImplementation) {
    this.hermes = hermesId;
    this.registry = registry;
    this.channelImplementation = channelImplementation;
  }

  @Override
  public String consumerChannel(String identity) {
    return bounded(consumerChannels)
        .computeIfAbsent(
            identity,
            id ->
                ChannelIds.consumerChannelAddress(
                        registry, Address.fromHex(id), hermes, channelImplementation)
                    .toHex());
  }

  @Override
  public String providerChannelId(String identity) {
    return bounded(providerChannels)
        .computeIfAbsent(
            identity, id -> ChannelIds.providerChannelId(Address.fromHex(id), hermes).toHex());
  }

  @Override
  public String withdrawalChannelId(String identity) {
    return bounded(withdrawalChannels)
        .computeIfAbsent(
            identity, id -> ChannelIds.withdrawalChannelId(Address.fromHex(id), hermes).toHex());
  }

  private static ConcurrentHashMap<String, String> bounded(ConcurrentHashMap<String, String> m) {
    if (m.size() > 1_000_000) {
      m.clear();
    }
    return m;
  }
}
