package network.hermes.hub.api;

import io.vertx.core.Future;
import java.util.Optional;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.ProviderState;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * GET data/provider/{identity} (earnings channel) and data/provider/{identity}/withdrawal: the
 * channel, its on-chain settled amount and stake, and the hub's latest promise, per chain.
 */
final class ProviderDataHandler extends DataEndpoint<ProviderState> {
  private final ChannelKind kind;

  ProviderDataHandler(ApiContext api, ChannelKind kind) {
    super(
        api,
        kind == ChannelKind.EARNINGS ? "data_provider" : "data_provider_withdrawal",
        "provider");
    this.kind = kind;
  }

  @Override
  Future<Optional<ProviderState>> load(ChainId chainId, Address identity) {
    return api.store().findChannel(chainId, api.channels().channelId(identity, kind));
  }

  @Override
  Optional<Entry> entry(ChainId chain, Address identity, Optional<ProviderState> row) {
    Bytes32 channel = api.channels().channelId(identity, kind);
    boolean knownFacts = api.chain().knowsChannel(chain, channel);
    boolean hasPromise = row.isPresent() && row.get().hasPromise();
    if (!knownFacts && !hasPromise) {
      return Optional.empty();
    }
    ChainFacts.ProviderChannel f = api.chain().channel(chain, channel);
    Latest latest;
    if (hasPromise) {
      UnsignedPromise p = row.get().promise();
      latest =
          new Latest(
              p.chainId(),
              p.channelId().toHex(),
              p.amount(),
              p.fee(),
              p.hashlock(),
              api.operator().sign(p).signature().toHex());
    } else {
      latest = Latest.none(chain, channel.toHex());
    }
    Address beneficiary = api.chain().consumer(chain, identity).beneficiary();
    return Optional.of(
        new Entry(
            identity,
            // the Registry's beneficiary as the watcher read it; the channel until it has
            beneficiary != null ? beneficiary : api.channels().consumerChannel(identity),
            channel.toHex(),
            Amounts.minusOrZero(latest.amount(), f.settled()),
            f.settled(),
            f.stake(),
            latest,
            f.latestSettlement()));
  }
}
