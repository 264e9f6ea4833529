package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.Optional;
import java.util.TreeSet;
import network.hermes.hub.chain.MemoryChainView;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.ConsumerPromise;
import network.hermes.hub.core.ConsumerState;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.value.TokenAmount;

/** GET data/consumer/{identity}: the consumer's channel, balance and latest promise per chain. */
final class ConsumerDataHandler extends Endpoint {
  static final String ZERO_HASH = "0x" + "0".repeat(64);
  static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  ConsumerDataHandler(ApiContext api) {
    super(api, "data_consumer");
  }

  @Override
  Future<Reply> process(RoutingContext ctx) {
    String identity;
    try {
      identity = WireJson.address(ctx.pathParam("identity"), "identity");
    } catch (MalformedRequest e) {
      return Future.succeededFuture(Reply.reject(Rejection.RESOURCE_NOT_FOUND, e.getMessage()));
    }
    ObjectNode out = WireJson.MAPPER.createObjectNode();
    Future<Void> all = Future.succeededFuture();
    for (long chain : new TreeSet<>(api.policy().chainIds())) {
      all =
          all.compose(
              v ->
                  api.store()
                      .findConsumer(chain, identity)
                      .map(
                          row -> {
                            entry(chain, identity, row)
                                .ifPresent(e -> out.set(Long.toString(chain), e));
                            return null;
                          }));
    }
    return all.map(
        v ->
            out.isEmpty()
                ? Reply.reject(Rejection.RESOURCE_NOT_FOUND, "no data for consumer " + identity)
                : Reply.ok(out));
  }

  private Optional<ObjectNode> entry(long chain, String identity, Optional<ConsumerState> row) {
    boolean knownFacts =
        api.chain() instanceof MemoryChainView m ? m.knowsConsumer(chain, identity) : true;
    boolean hasState =
        row.isPresent() && (row.get().latest() != null || !row.get().grandTotal().isZero());
    if (!knownFacts && !hasState) {
      return Optional.empty();
    }
    ChainFacts.Consumer f = api.chain().consumer(chain, identity);
    ConsumerState s = row.orElse(ConsumerState.empty(chain, identity));
    String channel = api.channels().consumerChannel(identity);
    TokenAmount promised = s.grandTotal().max(s.latestAmount());
    TokenAmount unsettled = Amounts.minusOrZero(promised, f.settled());
    TokenAmount balance = Amounts.minusOrZero(f.channelBalance(), unsettled);
    ObjectNode n = WireJson.MAPPER.createObjectNode();
    n.put("Identity", identity);
    n.put("Beneficiary", channel);
    n.put("ChannelID", channel);
    n.put("Balance", balance.toBigInteger());
    n.put("Settled", f.settled().toBigInteger());
    n.put("Stake", BigInteger.ZERO);
    ConsumerPromise l = s.latest();
    n.set(
        "LatestPromise",
        l == null
            ? WireJson.dataPromiseJson(
                chain, channel, TokenAmount.ZERO, TokenAmount.ZERO, ZERO_HASH, "0x")
            : WireJson.dataPromiseJson(
                l.chainId(), l.channelId(), l.amount(), l.fee(), l.hashlock(), l.signature()));
    n.put("LatestSettlement", GO_ZERO_TIME);
    n.put("IsOffchain", false);
    return Optional.of(n);
  }
}
