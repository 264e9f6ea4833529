package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.TreeSet;
import network.hermes.hub.chain.MemoryChainView;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.HubPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * GET data/provider/{identity} (earnings channel) and data/provider/{identity}/withdrawal: the
 * channel, its on-chain settled amount and stake, and the hub's latest promise, per chain.
 */
final class ProviderDataHandler extends Endpoint {
  private final ChannelKind kind;

  ProviderDataHandler(ApiContext api, ChannelKind kind) {
    super(api, kind == ChannelKind.EARNINGS ? "data_provider" : "data_provider_withdrawal");
    this.kind = kind;
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    Address identity = ConsumerDataHandler.identity(ctx.pathParam("identity"));
    if (identity == null) {
      return Future.succeededFuture(
          Reply.reject(
              Rejection.RESOURCE_NOT_FOUND, "identity must be a 0x-prefixed 20-byte address"));
    }
    Bytes32 channel = api.channels().channelId(identity, kind);
    ObjectNode out = Reply.object();
    Future<Void> all = Future.succeededFuture();
    for (long chain : new TreeSet<>(api.policy().chainIds())) {
      all =
          all.compose(
              v ->
                  api.store()
                      .findChannel(chain, channel)
                      .map(
                          row -> {
                            entry(chain, identity, channel, row)
                                .ifPresent(e -> out.set(Long.toString(chain), e));
                            return null;
                          }));
    }
    return all.map(
        v ->
            out.isEmpty()
                ? Reply.reject(Rejection.RESOURCE_NOT_FOUND, "no data for provider " + identity)
                : Reply.ok(out));
  }

  private Optional<ObjectNode> entry(
      long chain, Address identity, Bytes32 channel, Optional<ProviderState> row) {
    boolean knownFacts =
        api.chain() instanceof MemoryChainView m ? m.knowsChannel(chain, channel.toHex()) : true;
    boolean hasPromise = row.isPresent() && row.get().hasPromise();
    if (!knownFacts && !hasPromise) {
      return Optional.empty();
    }
    ChainFacts.ProviderChannel f = api.chain().channel(chain, channel.toHex());
    ObjectNode n = Reply.object();
    n.put("Identity", identity.toHex());
    n.put("Beneficiary", api.channels().consumerChannel(identity).toHex());
    n.put("ChannelID", channel.toHex());
    TokenAmount amount = hasPromise ? row.get().amount() : TokenAmount.ZERO;
    n.put("Balance", Amounts.minusOrZero(amount, f.settled()).toBigInteger());
    n.put("Settled", f.settled().toBigInteger());
    n.put("Stake", f.stake().toBigInteger());
    if (hasPromise) {
      HubPromise p = row.get().promise();
      n.set(
          "LatestPromise",
          ConsumerDataHandler.dataPromise(
              p.chainId(),
              p.channelId().toHex(),
              p.amount(),
              p.fee(),
              p.hashlock().toHex(),
              api.operator().sign(p).signature().toHex()));
    } else {
      n.set(
          "LatestPromise",
          ConsumerDataHandler.dataPromise(
              chain,
              channel.toHex(),
              TokenAmount.ZERO,
              TokenAmount.ZERO,
              ConsumerDataHandler.ZERO_HASH,
              "0x"));
    }
    n.put("LatestSettlement", ConsumerDataHandler.GO_ZERO_TIME);
    n.put("IsOffchain", false);
    return Optional.of(n);
  }
}
