package network.hermes.hub.crypto;

import java.util.concurrent.ConcurrentHashMap;
import network.hermes.hub.core.ChannelMath;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * {@link ChannelMath} for one hub deployment through promise-lib's {@link ChannelIds}, memoised
 * (two keccaks per request for the same few identities are wasted work).
 */
public final class HubChannelMath implements ChannelMath {
  private final Address hermes;
  private final Address registry;
  private final Address channelImplementation;
  private final ConcurrentHashMap<Address, Address> consumerChannels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Address, Bytes32> providerChannels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Address, Bytes32> withdrawalChannels = new ConcurrentHashMap<>();

  public HubChannelMath(Address hermesId, Address registry, Address channelImplementation) {
    this.hermes = hermesId;
    this.registry = registry;
    this.channelImplementation = channelImplementation;
  }

  @Override
  public Address consumerChannel(Address identity) {
    return bounded(consumerChannels)
        .computeIfAbsent(
            identity,
            id -> ChannelIds.consumerChannelAddress(registry, id, hermes, channelImplementation));
  }

  @Override
  public Bytes32 providerChannelId(Address identity) {
    return bounded(providerChannels)
        .computeIfAbsent(identity, id -> ChannelIds.providerChannelId(id, hermes));
  }

  @Override
  public Bytes32 withdrawalChannelId(Address identity) {
    return bounded(withdrawalChannels)
        .computeIfAbsent(identity, id -> ChannelIds.withdrawalChannelId(id, hermes));
  }

  private static <V> ConcurrentHashMap<Address, V> bounded(ConcurrentHashMap<Address, V> m) {
    if (m.size() > 1_000_000) {
      m.clear();
    }
    return m;
  }
}
