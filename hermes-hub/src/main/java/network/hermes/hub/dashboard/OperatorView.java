package network.hermes.hub.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import network.hermes.hub.chain.ChainView;
import network.hermes.hub.core.Amounts;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.Solvency;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/** The operator view's data: traffic, solvency, chain duties, queues and the channel tables. */
final class OperatorView {
  /** Rows per page of the channel tables, and the most a request may ask for. */
  static final int PAGE_SIZE = 20;

  static final int MAX_PAGE_SIZE = 100;

  private static final int RECENT = 20;

  private final Pool pool;
  private final ChainView chain;
  private final HubMetrics metrics;
  private final Traffic traffic;
  private final Supplier<OptionalLong> chainHead;
  private final BooleanSupplier leaseHeld;
  private final String instanceId;
  private final Clock clock;

  OperatorView(
      Pool pool,
      ChainView chain,
      HubMetrics metrics,
      Traffic traffic,
      Supplier<OptionalLong> chainHead,
      BooleanSupplier leaseHeld,
      String instanceId,
      Clock clock) {
    this.pool = pool;
    this.chain = chain;
    this.metrics = metrics;
    this.traffic = traffic;
    this.chainHead = chainHead;
    this.leaseHeld = leaseHeld;
    this.instanceId = instanceId;
    this.clock = clock;
  }

  /** Everything of the overview page for one chain. */
  Future<ObjectNode> overview(long chainId) {
    ObjectNode out = Json.object();
    out.put("chain_id", chainId);
    Json.time(out, "as_of", clock.instant());
    out.put("instance", instanceId);
    out.set("traffic", traffic());
    Tuple c = Tuple.of(chainId);
    Future<RowSet<Row>> promised =
        pool.preparedQuery(
                "SELECT COALESCE(SUM(amount), 0) AS promised FROM provider_state WHERE chain_id = $1")
            .execute(c);
    Future<RowSet<Row>> cursor =
        pool.preparedQuery("SELECT block, updated_at FROM watcher_cursor WHERE chain_id = $1")
            .execute(c);
    Future<RowSet<Row>> leases =
        pool.query("SELECT name, holder, expires_at, renewed_at FROM lease ORDER BY name")
            .execute();
    Future<RowSet<Row>> queue =
        pool.preparedQuery(
                "SELECT COUNT(*) AS promises, COALESCE(SUM(s.amount - COALESCE(c.settled, 0)), 0)"
                    + " AS amount FROM consumer_settleable s LEFT JOIN chain_consumer c ON"
                    + " c.chain_id = s.chain_id AND c.identity = s.consumer WHERE s.chain_id = $1"
                    + " AND s.amount > COALESCE(c.settled, 0)")
            .execute(c);
    Future<RowSet<Row>> attempts =
        pool.preparedQuery(
                "SELECT id, consumer, amount, tx_hash, status, error, created_at, finished_at FROM"
                    + " settlement_attempt WHERE chain_id = $1 ORDER BY id DESC LIMIT "
                    + RECENT)
            .execute(c);
    Future<RowSet<Row>> relayStates =
        pool.preparedQuery(
                "SELECT state, COUNT(*) AS jobs FROM relay_job WHERE chain_id = $1 GROUP BY state")
            .execute(c);
    Future<RowSet<Row>> relayJobs =
        pool.preparedQuery(
                "SELECT "
                    + RelayRows.COLUMNS
                    + " FROM relay_job WHERE chain_id = $1 ORDER BY created_at DESC,"
                    + " id LIMIT "
                    + RECENT)
            .execute(c);
    return Future.all(List.of(promised, cursor, leases, queue, attempts, relayStates, relayJobs))
        .map(
            all -> {
              BigInteger p = Json.weiOrZero(promised.result().iterator().next(), "promised");
              out.set("solvency", solvency(chain.hermes(ChainId.of(chainId)), p));
              out.set("watcher", watcher(cursor.result()));
              out.set("leases", leases(leases.result()));
              out.set(
                  "settlement", settlement(queue.result().iterator().next(), attempts.result()));
              out.set("relay", relay(relayStates.result(), relayJobs.result()));
              return out;
            });
  }

  private ObjectNode traffic() {
    Traffic.Totals t = Traffic.read(metrics.registry());
    ObjectNode n = Json.object();
    n.put("promises", t.promises());
    n.put("rejections", t.rejections());
    if (t.promiseRequests() > 0) {
      n.put("mean_latency_ms", t.promiseSeconds() * 1000 / t.promiseRequests());
    } else {
      n.putNull("mean_latency_ms");
    }
    ArrayNode causes = n.putArray("rejections_by_cause");
    for (Map.Entry<String, Long> e : t.rejectionsByCause().entrySet()) {
      causes.addObject().put("cause", e.getKey()).put("count", e.getValue());
    }
    ArrayNode series = n.putArray("series");
    for (Traffic.Point p : traffic.points()) {
      ObjectNode s = series.addObject();
      Json.time(s, "at", p.at());
      s.put("promises_per_second", p.promisesPerSecond());
      s.put("rejections_per_second", p.rejectionsPerSecond());
      if (p.latencyMs() == null) {
        s.putNull("latency_ms");
      } else {
        s.put("latency_ms", p.latencyMs());
      }
    }
    return n;
  }

  private static ObjectNode solvency(ChainFacts.Hermes h, BigInteger promised) {
    ObjectNode n = Json.object();
    n.put("known", h.known());
    n.put("status", h.status());
    n.put("fee_bps", h.feeBps());
    TokenAmount p = TokenAmount.of(promised);
    Json.wei(n, "available_balance", h.availableBalance().toBigInteger());
    Json.wei(n, "collectible", h.collectible().toBigInteger());
    Json.wei(n, "promised", promised);
    Json.wei(n, "provider_settled", h.providerSettled().toBigInteger());
    Json.wei(n, "owed", Solvency.owed(p, h));
    Json.wei(n, "largest_stake", h.largestStake().toBigInteger());
    Json.wei(n, "headroom", Solvency.headroom(p, h));
    n.put("needs_collection", Solvency.needsCollection(p, h));
    return n;
  }

  private ObjectNode watcher(RowSet<Row> cursor) {
    ObjectNode n = Json.object();
    OptionalLong head = chainHead.get();
    if (head.isPresent()) {
      n.put("chain_head", head.getAsLong());
    } else {
      n.putNull("chain_head");
    }
    Json.time(n, "facts_as_of", chain.asOf());
    if (cursor.size() == 0) {
      n.putNull("block");
      n.putNull("lag_blocks");
      n.putNull("updated_at");
      return n;
    }
    Row r = cursor.iterator().next();
    long block = r.getLong("block");
    n.put("block", block);
    if (head.isPresent()) {
      n.put("lag_blocks", Math.max(0, head.getAsLong() - block));
    } else {
      n.putNull("lag_blocks");
    }
    Json.time(n, "updated_at", Json.time(r, "updated_at"));
    return n;
  }

  private ArrayNode leases(RowSet<Row> rows) {
    ArrayNode a = Json.array();
    Instant now = clock.instant();
    for (Row r : rows) {
      ObjectNode n = a.addObject();
      n.put("name", r.getString("name"));
      Instant expires = Json.time(r, "expires_at");
      String holder = r.getString("holder");
      boolean live = holder != null && expires != null && expires.isAfter(now);
      if (live) {
        n.put("holder", holder);
      } else {
        n.putNull("holder");
      }
      n.put("this_instance", live && holder.equals(instanceId));
      Json.time(n, "expires_at", expires);
      Json.time(n, "renewed_at", Json.time(r, "renewed_at"));
    }
    if (a.isEmpty()) {
      a.addObject().put("name", "chain-duties").putNull("holder").put("this_instance", false);
    }
    return a;
  }

  private static ObjectNode settlement(Row queue, RowSet<Row> attempts) {
    ObjectNode n = Json.object();
    n.put("queued_promises", queue.getLong("promises"));
    Json.wei(n, "queued_amount", Json.weiOrZero(queue, "amount"));
    ArrayNode recent = n.putArray("recent");
    for (Row r : attempts) {
      ObjectNode a = recent.addObject();
      a.put("id", r.getLong("id"));
      a.put("consumer", r.getString("consumer"));
      Json.wei(a, "amount", Json.wei(r, "amount"));
      a.put("tx_hash", r.getString("tx_hash"));
      a.put("status", r.getString("status"));
      a.put("error", r.getString("error"));
      Json.time(a, "created_at", Json.time(r, "created_at"));
      Json.time(a, "finished_at", Json.time(r, "finished_at"));
    }
    return n;
  }

  private static ObjectNode relay(RowSet<Row> states, RowSet<Row> jobs) {
    ObjectNode n = Json.object();
    ObjectNode counts = n.putObject("jobs");
    for (String s : new String[] {"queued", "sent", "done", "error"}) {
      counts.put(s, 0);
    }
    for (Row r : states) {
      counts.put(r.getString("state"), r.getLong("jobs"));
    }
    n.set("recent", RelayRows.json(jobs));
    return n;
  }

  /**
   * One page of the consumers or providers table.
   *
   * @param search a lower-case hex fragment of the identity, or empty
   */
  Future<ObjectNode> channels(long chainId, boolean providers, String search, int page, int size) {
    Tuple where = Tuple.of(chainId, "%" + search + "%");
    String from =
        providers
            ? " FROM provider_state p LEFT JOIN chain_provider_channel f ON f.chain_id = p.chain_id"
                + " AND f.channel_id = p.channel_id WHERE p.chain_id = $1 AND p.provider LIKE $2"
            : " FROM consumer_state s LEFT JOIN chain_consumer c ON c.chain_id = s.chain_id AND"
                + " c.identity = s.consumer WHERE s.chain_id = $1 AND s.consumer LIKE $2";
    String columns =
        providers
            ? "SELECT p.provider AS identity, p.kind, p.amount AS promised, f.settled, f.stake,"
                + " p.updated_at"
            : "SELECT s.consumer AS identity, s.latest_amount AS promised, c.settled,"
                + " c.channel_balance AS balance, s.updated_at";
    String order = providers ? " ORDER BY p.provider, p.kind" : " ORDER BY s.consumer";
    Future<RowSet<Row>> count =
        pool.preparedQuery("SELECT COUNT(*) AS total" + from).execute(where);
    Future<RowSet<Row>> rows =
        pool.preparedQuery(columns + from + order + " LIMIT $3 OFFSET $4")
            .execute(Tuple.of(chainId, "%" + search + "%", size, (long) page * size));
    return Future.all(count, rows)
        .map(
            all -> {
              ObjectNode out = Json.object();
              out.put("page", page);
              out.put("size", size);
              out.put("total", count.result().iterator().next().getLong("total"));
              ArrayNode items = out.putArray("items");
              for (Row r : rows.result()) {
                ObjectNode n = items.addObject();
                n.put("identity", r.getString("identity"));
                BigInteger promised = Json.weiOrZero(r, "promised");
                BigInteger settled = Json.weiOrZero(r, "settled");
                Json.wei(n, "promised", promised);
                Json.wei(n, "settled", settled);
                Json.wei(n, "unsettled", Amounts.positivePart(promised.subtract(settled)));
                if (providers) {
                  n.put("kind", r.getString("kind").toLowerCase(Locale.ROOT));
                  Json.wei(n, "stake", Json.weiOrZero(r, "stake"));
                } else {
                  Json.wei(n, "balance", Json.weiOrZero(r, "balance"));
                }
                Json.time(n, "updated_at", Json.time(r, "updated_at"));
              }
              return out;
            });
  }
}
