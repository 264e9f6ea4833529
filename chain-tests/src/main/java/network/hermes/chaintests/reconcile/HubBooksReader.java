package network.hermes.chaintests.reconcile;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;

/**
 * Reads the hub's side of the reconciliation through its public {@code data} endpoints, the books
 * any client can see: no database access is needed, so it works against any deployment.
 */
public final class HubBooksReader {
  private final HubClient hub;
  private final ChainId chainId;
  private final Address hermesId;

  public HubBooksReader(HubClient hub, ChainId chainId, Address hermesId) {
    this.hub = hub;
    this.chainId = chainId;
    this.hermesId = hermesId;
  }

  /**
   * The books of every identity, as consumer and on both provider channels.
   *
   * @throws HubException when the hub cannot be reached or refuses with anything but "resource not
   *     found" (which means it has no books of the identity)
   */
  public HubBooks read(Collection<Address> identities) throws HubException {
    hub.isReady(); // an unreachable hub fails here, also when there is nobody to ask about
    Map<Address, HubBooks.Consumer> consumers = new HashMap<>();
    Map<Bytes32, HubBooks.ProviderChannel> providers = new HashMap<>();
    for (Address identity : new LinkedHashSet<>(identities)) {
      ChannelData c = entry(() -> hub.consumerData(identity));
      if (c != null) {
        consumers.put(
            identity, new HubBooks.Consumer(identity, promised(c), c.settled(), c.balance()));
      }
      ChannelData p = entry(() -> hub.providerData(identity));
      if (p != null) {
        providers.put(
            ChannelIds.providerChannelId(identity, hermesId),
            new HubBooks.ProviderChannel(
                identity, ChainLedger.Kind.EARNINGS, promised(p), p.settled()));
      }
      ChannelData w = entry(() -> hub.withdrawalData(identity));
      if (w != null) {
        providers.put(
            ChannelIds.withdrawalChannelId(identity, hermesId),
            new HubBooks.ProviderChannel(
                identity, ChainLedger.Kind.WITHDRAWAL, promised(w), w.settled()));
      }
    }
    return new HubBooks(consumers, providers);
  }

  private static TokenAmount promised(ChannelData data) {
    return data.latestPromise() == null ? TokenAmount.ZERO : data.latestPromise().amount();
  }

  private interface Call {
    Map<ChainId, ChannelData> get() throws HubException;
  }

  private ChannelData entry(Call call) throws HubException {
    try {
      return call.get().get(chainId);
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
