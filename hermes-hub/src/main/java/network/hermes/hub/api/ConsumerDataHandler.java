package network.hermes.hub.api;

import io.vertx.core.Future;
import java.util.Optional;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.ConsumerState;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/** GET data/consumer/{identity}: the consumer's channel, balance and latest promise per chain. */
final class ConsumerDataHandler extends DataEndpoint<ConsumerState> {
  ConsumerDataHandler(ApiContext api) {
    super(api, "data_consumer", "consumer");
  }

  @Override
  Future<Optional<ConsumerState>> load(ChainId chainId, Address identity) {
    return api.store().findConsumer(chainId, identity);
  }

  @Override
  Optional<Entry> entry(ChainId chain, Address identity, Optional<ConsumerState> row) {
    boolean knownFacts = api.chain().knowsConsumer(chain, identity);
    boolean hasState =
        row.isPresent() && (row.get().latest() != null || !row.get().grandTotal().isZero());
    if (!knownFacts && !hasState) {
      return Optional.empty();
    }
    ChainFacts.Consumer f = api.chain().consumer(chain, identity);
    ConsumerState s = row.orElse(ConsumerState.empty(chain, identity));
    Address channel = api.channels().consumerChannel(identity);
    TokenAmount promised = s.grandTotal().max(s.latestAmount());
    TokenAmount unsettled = Amounts.minusOrZero(promised, f.settled());
    Promise l = s.latest();
    return Optional.of(
        new Entry(
            identity,
            // the Registry's beneficiary as the watcher read it; the channel until it has
            f.beneficiary() != null ? f.beneficiary() : channel,
            channel.toHex(),
            Amounts.minusOrZero(f.channelBalance(), unsettled),
            f.settled(),
            TokenAmount.ZERO,
            l == null
                ? Latest.none(chain, channel.toHex())
                : new Latest(
                    l.chainId(),
                    // a consumer's promise names its channel address (it is rule 5's channel)
                    channel.toHex(),
                    l.amount(),
                    l.fee(),
                    l.hashlock(),
                    l.signature().toHex()),
            f.latestSettlement()));
  }
}
