package network.hermes.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The data endpoints' flow: an identity in the path, one entry per served chain (in chain order)
 * for which the hub knows something, 404 when it knows nothing. The entries have the upstream
 * node's shape, written here: promise-lib's {@code ChannelData} has no form for the placeholder
 * LatestPromise (signature {@code "0x"}) nor for a consumer's 20-byte LatestPromise.ChannelID.
 *
 * @param <S> the stored state one entry is built from
 */
abstract class DataEndpoint<S> extends Endpoint {
  private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  private final String role;

  /**
   * @param role what the identity is, for the 404 message
   */
  DataEndpoint(ApiContext api, String name, String role) {
    super(api, name);
    this.role = role;
  }

  /** The identity's stored state on one chain. */
  abstract Future<Optional<S>> load(ChainId chainId, Address identity);

  /** The chain's entry, or none when the hub knows neither chain facts nor state for it. */
  abstract Optional<Entry> entry(ChainId chainId, Address identity, Optional<S> row);

  @Override
  final Future<Reply> process(RoutingContext ctx) {
    Address identity = identity(ctx.pathParam("identity"));
    if (identity == null) {
      return Future.succeededFuture(
          Reply.reject(
              Rejection.RESOURCE_NOT_FOUND, "identity must be a 0x-prefixed 20-byte address"));
    }
    ObjectNode out = Reply.object();
    Future<Void> all = Future.succeededFuture();
    TreeSet<ChainId> chains = new TreeSet<>(Comparator.comparingLong(ChainId::value));
    chains.addAll(api.policy().chainIds());
    for (ChainId chain : chains) {
      all =
          all.compose(
              v ->
                  load(chain, identity)
                      .map(
                          row -> {
                            entry(chain, identity, row)
                                .ifPresent(e -> out.set(chain.toString(), e.json()));
                            return null;
                          }));
    }
    return all.map(
        v ->
            out.isEmpty()
                ? Reply.reject(Rejection.RESOURCE_NOT_FOUND, "no data for " + role + " " + identity)
                : Reply.ok(out));
  }

  /** A path identity: 0x and 40 hex digits; null when it is not one. */
  private static Address identity(String text) {
    if (text == null || !(text.startsWith("0x") || text.startsWith("0X"))) {
      return null;
    }
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One chain's entry. */
  record Entry(
      Address identity,
      Address beneficiary,
      String channelId,
      TokenAmount balance,
      TokenAmount settled,
      TokenAmount stake,
      Latest latestPromise,
      Instant latestSettlement) {
    ObjectNode json() {
      ObjectNode n = Reply.object();
      n.put("Identity", identity.toHex());
      n.put("Beneficiary", beneficiary.toHex());
      n.put("ChannelID", channelId);
      n.put("Balance", balance.toBigInteger());
      n.put("Settled", settled.toBigInteger());
      n.put("Stake", stake.toBigInteger());
      n.set("LatestPromise", latestPromise.json());
      // the node reads Go's time layout: RFC 3339 in seconds, the zero time when never settled
      n.put(
          "LatestSettlement",
          latestSettlement == null
              ? GO_ZERO_TIME
              : DateTimeFormatter.ISO_INSTANT.format(
                  latestSettlement.truncatedTo(ChronoUnit.SECONDS)));
      n.put("IsOffchain", false);
      return n;
    }
  }

  /** The latest promise of an entry, bytes as 0x hex. */
  record Latest(
      ChainId chainId,
      String channelId,
      TokenAmount amount,
      TokenAmount fee,
      Bytes32 hashlock,
      String signature) {
    /** No promise yet: zero amounts, a zero hashlock and an empty signature. */
    static Latest none(ChainId chainId, String channelId) {
      return new Latest(chainId, channelId, TokenAmount.ZERO, TokenAmount.ZERO, Bytes32.ZERO, "0x");
    }

    ObjectNode json() {
      ObjectNode n = Reply.object();
      n.put("ChainID", chainId.value());
      n.put("ChannelID", channelId);
      n.put("Amount", amount.toBigInteger());
      n.put("Fee", fee.toBigInteger());
      n.put("Hashlock", hashlock.toHex());
      n.put("Signature", signature);
      return n;
    }
  }
}
