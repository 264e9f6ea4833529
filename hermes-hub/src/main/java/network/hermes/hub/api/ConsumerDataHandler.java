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
import network.hermes.promise.value.Address;
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
    Address identity = identity(ctx.pathParam("identity"));
    if (identity == null) {
      return Future.succeededFuture(
          Reply.reject(
              Rejection.RESOURCE_NOT_FOUND, "identity must be a 0x-prefixed 20-byte address"));
    }
    ObjectNode out = Reply.object();
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

  /** A path identity: 0x and 40 hex digits; null when it is not one. */
  static Address identity(String text) {
    if (text == null || !(text.startsWith("0x") || text.startsWith("0X"))) {
      return null;
    }
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The promise shape of the data endpoints: hex strings with 0x. */
  static ObjectNode dataPromise(
      long chainId,
      String channelId,
      TokenAmount amount,
      TokenAmount fee,
      String hashlock,
      String sig) {
    ObjectNode n = Reply.object();
    n.put("ChainID", chainId);
    n.put("ChannelID", channelId);
    n.put("Amount", amount.toBigInteger());
    n.put("Fee", fee.toBigInteger());
    n.put("Hashlock", hashlock);
    n.put("Signature", sig);
    return n;
  }

  private Optional<ObjectNode> entry(long chain, Address identity, Optional<ConsumerState> row) {
    boolean knownFacts =
        api.chain() instanceof MemoryChainView m ? m.knowsConsumer(chain, identity.toHex()) : true;
    boolean hasState =
        row.isPresent() && (row.get().latest() != null || !row.get().grandTotal().isZero());
    if (!knownFacts && !hasState) {
      return Optional.empty();
    }
    ChainFacts.Consumer f = api.chain().consumer(chain, identity.toHex());
    ConsumerState s = row.orElse(ConsumerState.empty(chain, identity));
    String channel = api.channels().consumerChannel(identity).toHex();
    TokenAmount promised = s.grandTotal().max(s.latestAmount());
    TokenAmount unsettled = Amounts.minusOrZero(promised, f.settled());
    TokenAmount balance = Amounts.minusOrZero(f.channelBalance(), unsettled);
    ObjectNode n = Reply.object();
    n.put("Identity", identity.toHex());
    n.put("Beneficiary", channel);
    n.put("ChannelID", channel);
    n.put("Balance", balance.toBigInteger());
    n.put("Settled", f.settled().toBigInteger());
    n.put("Stake", BigInteger.ZERO);
    ConsumerPromise l = s.latest();
    n.set(
        "LatestPromise",
        l == null
            ? dataPromise(chain, channel, TokenAmount.ZERO, TokenAmount.ZERO, ZERO_HASH, "0x")
            : dataPromise(
                l.chainId(),
                l.channelId().toHex(),
                l.amount(),
                l.fee(),
                l.hashlock().toHex(),
                l.signature().toHex()));
    n.put("LatestSettlement", GO_ZERO_TIME);
    n.put("IsOffchain", false);
    return Optional.of(n);
  }
}
