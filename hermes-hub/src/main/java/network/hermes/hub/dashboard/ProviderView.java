package network.hermes.hub.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigInteger;
import java.util.Optional;
import network.hermes.hub.chain.ChainView;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.ChannelMath;
import network.hermes.hub.core.Decision;
import network.hermes.hub.relay.FeeKind;
import network.hermes.hub.relay.FeeQuoter;
import network.hermes.hub.relay.RelayChecks;
import network.hermes.hub.relay.RelayService;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * The provider view's data for one identity on one chain: its earnings and withdrawal channels
 * (latest hub promise, settled on chain, unsettled), what settling now would cost and net, the
 * relay transactions the hub sent for it, its settlements on chain (whoever sent them), and its
 * promised earnings over time.
 */
final class ProviderView {
  private static final int HISTORY = 50;

  /** Most points of the earnings chart (one per minute with a promise). */
  private static final int CHART_POINTS = 500;

  private final Pool pool;
  private final ChainView chain;
  private final ChannelMath channels;
  private final RelayService relay;

  /**
   * @param relay the relay, or null when it is off (no transactor fee is quoted then)
   */
  ProviderView(Pool pool, ChainView chain, ChannelMath channels, RelayService relay) {
    this.pool = pool;
    this.chain = chain;
    this.channels = channels;
    this.relay = relay;
  }

  Future<ObjectNode> overview(long chainId, Address identity) {
    String earnings = channels.channelId(identity, ChannelKind.EARNINGS).toHex();
    String withdrawal = channels.channelId(identity, ChannelKind.WITHDRAWAL).toHex();
    Future<RowSet<Row>> states =
        pool.preparedQuery(
                "SELECT channel_id, amount, fee, hashlock, updated_at FROM provider_state WHERE"
                    + " chain_id = $1 AND channel_id = ANY($2)")
            .execute(Tuple.of(chainId).addArrayOfString(new String[] {earnings, withdrawal}));
    Future<RowSet<Row>> jobs =
        pool.preparedQuery(
                "SELECT "
                    + RelayRows.COLUMNS
                    + " FROM relay_job WHERE chain_id = $1 AND identity = $2 ORDER BY created_at"
                    + " DESC, id LIMIT "
                    + HISTORY)
            .execute(Tuple.of(chainId, identity.toHex()));
    Future<RowSet<Row>> chart =
        pool.preparedQuery(
                "SELECT * FROM (SELECT date_bin('1 minute', created_at, TIMESTAMPTZ 'epoch') AS at,"
                    + " MAX(amount) AS amount FROM issued_promise WHERE chain_id = $1 AND"
                    + " channel_id = $2 GROUP BY 1 ORDER BY 1 DESC LIMIT "
                    + CHART_POINTS
                    + ") m ORDER BY at")
            .execute(Tuple.of(chainId, earnings));
    Future<RowSet<Row>> settlements =
        pool.preparedQuery(
                "SELECT s.tx_hash, s.block, s.settled_at, s.channel_id, s.beneficiary, s.amount,"
                    + " s.fees, EXISTS (SELECT 1 FROM relay_job j WHERE j.chain_id = s.chain_id"
                    + " AND j.tx_hash = s.tx_hash) AS relayed FROM chain_settlement s WHERE"
                    + " s.chain_id = $1 AND s.channel_id = ANY($2) ORDER BY s.block DESC,"
                    + " s.log_index DESC LIMIT "
                    + HISTORY)
            .execute(Tuple.of(chainId).addArrayOfString(new String[] {earnings, withdrawal}));
    Future<Optional<BigInteger>> transactorFee = transactorFee(chainId);
    return Future.all(states, jobs, chart, settlements, transactorFee)
        .map(
            all -> {
              ChainFacts.Hermes hermes = chain.hermes(ChainId.of(chainId));
              ObjectNode out = Json.object();
              out.put("chain_id", chainId);
              out.put("identity", identity.toHex());
              Address beneficiary = chain.consumer(ChainId.of(chainId), identity).beneficiary();
              out.put(
                  "beneficiary",
                  (beneficiary != null ? beneficiary : channels.consumerChannel(identity)).toHex());
              out.put("hub_fee_bps", hermes.feeBps());
              Row earned = null;
              Row withdrawn = null;
              for (Row r : states.result()) {
                if (r.getString("channel_id").equals(earnings)) {
                  earned = r;
                } else {
                  withdrawn = r;
                }
              }
              ObjectNode e =
                  channel(chainId, earnings, earned, hermes.feeBps(), transactorFee.result());
              out.set("earnings", e);
              out.set(
                  "withdrawal",
                  channel(chainId, withdrawal, withdrawn, hermes.feeBps(), Optional.empty()));
              out.set("transactions", RelayRows.json(jobs.result()));
              ArrayNode history = out.putArray("settlements");
              for (Row r : settlements.result()) {
                ObjectNode h = history.addObject();
                h.put("tx_hash", r.getString("tx_hash"));
                h.put("block", r.getLong("block"));
                Json.time(h, "settled_at", Json.time(r, "settled_at"));
                h.put(
                    "channel",
                    r.getString("channel_id").equals(earnings) ? "earnings" : "withdrawal");
                h.put("beneficiary", r.getString("beneficiary"));
                Json.wei(h, "amount", Json.wei(r, "amount"));
                Json.wei(h, "fees", Json.wei(r, "fees"));
                h.put("via_relay", r.getBoolean("relayed"));
              }
              ArrayNode points = out.putArray("chart");
              for (Row r : chart.result()) {
                ObjectNode p = points.addObject();
                Json.time(p, "at", Json.time(r, "at"));
                Json.wei(p, "promised", Json.wei(r, "amount"));
              }
              return out;
            });
  }

  private Future<Optional<BigInteger>> transactorFee(long chainId) {
    if (relay == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return relay
        .quote(ChainId.of(chainId), FeeKind.SETTLE)
        .map(
            d ->
                d instanceof Decision.Accept<FeeQuoter.Quote> a
                    ? Optional.of(a.value().fee())
                    : Optional.<BigInteger>empty())
        .otherwise(Optional.empty());
  }

  private ObjectNode channel(
      long chainId, String channelId, Row state, int feeBps, Optional<BigInteger> transactorFee) {
    ChainFacts.ProviderChannel facts =
        chain.channel(ChainId.of(chainId), Bytes32.fromHex(channelId));
    BigInteger promised = state == null ? BigInteger.ZERO : Json.weiOrZero(state, "amount");
    BigInteger settled = facts.settled().toBigInteger();
    BigInteger unsettled = Amounts.positivePart(promised.subtract(settled));
    ObjectNode n = Json.object();
    n.put("channel_id", channelId);
    n.put("opened", chain.knowsChannel(ChainId.of(chainId), Bytes32.fromHex(channelId)));
    Json.wei(n, "promised", promised);
    Json.wei(n, "promise_fee", state == null ? null : Json.weiOrZero(state, "fee"));
    n.put("hashlock", state == null ? null : state.getString("hashlock"));
    Json.time(n, "promised_at", state == null ? null : Json.time(state, "updated_at"));
    Json.wei(n, "settled", settled);
    Json.wei(n, "stake", facts.stake().toBigInteger());
    Json.wei(n, "unsettled", unsettled);
    Json.time(n, "latest_settlement", facts.latestSettlement());
    BigInteger hubFee = RelayChecks.hermesFee(unsettled, feeBps);
    Json.wei(n, "hub_fee", hubFee);
    if (transactorFee.isPresent()) {
      Json.wei(n, "transactor_fee", transactorFee.get());
      Json.wei(
          n, "net", Amounts.positivePart(unsettled.subtract(hubFee).subtract(transactorFee.get())));
    } else {
      n.putNull("transactor_fee");
      Json.wei(n, "net", Amounts.positivePart(unsettled.subtract(hubFee)));
    }
    return n;
  }
}
