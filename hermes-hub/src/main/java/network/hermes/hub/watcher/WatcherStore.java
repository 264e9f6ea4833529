package network.hermes.hub.watcher;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import network.hermes.contracts.chain.HermesState;
import network.hermes.hub.lease.PgLease;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * The watcher's tables: its cursor and recorded block hashes, the chain facts it writes, the
 * identities it was asked to follow; the watcher awaits its futures. A round's facts, its cursor
 * and its block hash are written in ONE transaction, fenced by the lease.
 */
public final class WatcherStore {
  private final Pool pool;
  private final long chainId;
  private final String hermesId;
  private final PgLease lease;

  public WatcherStore(Pool pool, long chainId, String hermesId, PgLease lease) {
    this.pool = pool;
    this.chainId = chainId;
    this.hermesId = hermesId;
    this.lease = lease;
  }

  /** The last block applied, with its hash. */
  public record Cursor(long block, Bytes32 hash) {}

  /** A consumer identity's facts as of the round's block. */
  public record ConsumerRow(
      String identity,
      String channel,
      boolean registered,
      String beneficiary,
      boolean deployed,
      TokenAmount balance,
      TokenAmount settled,
      long exitTimelock,
      Settlement latestSettlement) {}

  /**
   * A provider channel's facts as of the round's block.
   *
   * @param latestSettlement its settlement in the round's blocks, or null
   */
  public record ChannelRow(
      String channelId, TokenAmount settled, TokenAmount stake, Settlement latestSettlement) {}

  /** A settlement on chain: its block's time and number. */
  public record Settlement(Instant time, long block) {}

  /**
   * A hub promise settled at the Hermes contract (its PromiseSettled event), for the settlement
   * history.
   *
   * @param amount what went to the beneficiary
   * @param fees the hub's and the transactor's fees together
   */
  public record SettlementEvent(
      String txHash,
      long logIndex,
      Settlement at,
      String channelId,
      String identity,
      String beneficiary,
      TokenAmount amount,
      TokenAmount fees) {}

  /**
   * An R a provider revealed on chain by settling: the consumer promise it unlocks is settleable.
   */
  public record Reveal(String channelId, String hashlock, String r) {}

  /**
   * What one round writes.
   *
   * @param block the new cursor: events up to it are applied
   * @param readAt the block the facts were read at (at least {@code block})
   * @param reveals Rs the round's provider settlements revealed
   * @param settlements the round's provider settlements
   * @param rollbackTo when a reorganisation was found: recorded hashes above this block go
   * @param pruneBelow recorded hashes below this block go
   */
  public record RoundWrite(
      long block,
      Bytes32 blockHash,
      long readAt,
      List<ConsumerRow> consumers,
      List<ChannelRow> channels,
      HermesState hermes,
      Long punishedAt,
      List<String> watchRequestsDone,
      List<Reveal> reveals,
      List<SettlementEvent> settlements,
      Long rollbackTo,
      long pruneBelow) {}

  public Future<Optional<Cursor>> cursor() {
    return (pool.preparedQuery("SELECT block, block_hash FROM watcher_cursor WHERE chain_id = $1")
        .execute(Tuple.of(chainId))
        .map(
            rows -> {
              var it = rows.iterator();
              if (!it.hasNext()) {
                return Optional.empty();
              }
              Row r = it.next();
              return Optional.of(new Cursor(r.getLong(0), Bytes32.fromHex(r.getString(1))));
            }));
  }

  public Future<NavigableMap<Long, Bytes32>> recordedHashes() {
    return (pool.preparedQuery(
            "SELECT block, hash FROM watcher_block WHERE chain_id = $1 ORDER BY block")
        .execute(Tuple.of(chainId))
        .map(
            rows -> {
              NavigableMap<Long, Bytes32> out = new TreeMap<>();
              for (Row r : rows) {
                out.put(r.getLong(0), Bytes32.fromHex(r.getString(1)));
              }
              return out;
            }));
  }

  /** Identities some request asked to be followed (oldest first). */
  public Future<List<String>> watchRequests(int limit) {
    return strings(
        "SELECT identity FROM watch_request WHERE chain_id = $1 ORDER BY requested_at LIMIT $2",
        Tuple.of(chainId, limit));
  }

  /** Identities the hub has served, as consumers or providers, but does not follow yet. */
  public Future<List<String>> unfollowedConsumers(int limit) {
    return strings(
        "SELECT s.consumer FROM consumer_state s WHERE s.chain_id = $1 AND NOT EXISTS (SELECT 1"
            + " FROM chain_consumer c WHERE c.chain_id = s.chain_id AND c.identity = s.consumer)"
            + " UNION SELECT DISTINCT p.provider FROM provider_state p WHERE p.chain_id = $1 AND"
            + " p.hashlock IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chain_consumer c WHERE"
            + " c.chain_id = p.chain_id AND c.identity = p.provider) LIMIT $2",
        Tuple.of(chainId, limit));
  }

  /** Provider channels the hub issued promises on but does not follow yet. */
  public Future<List<String>> unfollowedChannels(int limit) {
    return strings(
        "SELECT p.channel_id FROM provider_state p WHERE p.chain_id = $1 AND p.hashlock IS NOT"
            + " NULL AND NOT EXISTS (SELECT 1 FROM chain_provider_channel c WHERE c.chain_id ="
            + " p.chain_id AND c.channel_id = p.channel_id) LIMIT $2",
        Tuple.of(chainId, limit));
  }

  /**
   * Consumers whose facts were read after {@code block} (a reorganisation may have undone them).
   */
  public Future<List<String>> consumersReadAfter(long block) {
    return strings(
        "SELECT identity FROM chain_consumer WHERE chain_id = $1 AND block > $2",
        Tuple.of(chainId, block));
  }

  public Future<List<String>> channelsReadAfter(long block) {
    return strings(
        "SELECT channel_id FROM chain_provider_channel WHERE chain_id = $1 AND block > $2",
        Tuple.of(chainId, block));
  }

  /** The identities owning these channel addresses, among the followed ones. */
  public Future<Map<String, String>> identitiesOfChannels(Collection<String> channels) {
    if (channels.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return (pool.preparedQuery(
            "SELECT channel, identity FROM chain_consumer WHERE chain_id = $1 AND channel ="
                + " ANY($2::text[])")
        .execute(Tuple.tuple().addValue(chainId).addValue(channels.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, String> out = new HashMap<>();
              for (Row r : rows) {
                out.put(r.getString(0), r.getString(1));
              }
              return out;
            }));
  }

  /** Which of these identities are followed. */
  public Future<List<String>> followed(Collection<String> identities) {
    if (identities.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return strings(
        "SELECT identity FROM chain_consumer WHERE chain_id = $1 AND identity = ANY($2::text[])",
        Tuple.tuple().addValue(chainId).addValue(identities.toArray(String[]::new)));
  }

  /**
   * Writes a round: facts, hub state, the Rs it saw revealed, cursor and block hash, in one fenced
   * transaction: a round that does not commit leaves the cursor where it was, so its blocks (and
   * their reveals) are read again.
   */
  public Future<Void> commit(RoundWrite w) {
    return (pool.withTransaction(
            conn ->
                lease
                    .fence(conn)
                    .compose(v -> forgetSettlementsAfter(conn, w.rollbackTo()))
                    .compose(v -> writeConsumers(conn, w))
                    .compose(v -> writeChannels(conn, w))
                    .compose(v -> writeHermes(conn, w))
                    .compose(v -> writeReveals(conn, w.reveals()))
                    .compose(v -> writeSettlements(conn, w.settlements()))
                    .compose(v -> writeSolvency(conn))
                    .compose(v -> writeCursor(conn, w))))
        .mapEmpty();
  }

  /**
   * Makes Rs revealed on chain known to the hub: stores R, marks the provider's promise revealed
   * and the consumer promise with that hashlock settleable (as reveal_r would).
   */
  private Future<Void> writeReveals(SqlConnection conn, List<Reveal> reveals) {
    if (reveals.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Reveal> sorted =
        reveals.stream()
            .sorted(
                java.util.Comparator.comparing(Reveal::channelId).thenComparing(Reveal::hashlock))
            .toList();
    int n = sorted.size();
    Long[] chains = new Long[n];
    String[] hashlocks = new String[n];
    String[] rs = new String[n];
    String[] channels = new String[n];
    for (int i = 0; i < n; i++) {
      chains[i] = chainId;
      hashlocks[i] = sorted.get(i).hashlock();
      rs[i] = sorted.get(i).r();
      channels[i] = sorted.get(i).channelId();
    }
    Tuple cols = Tuple.tuple().addValue(chains).addValue(hashlocks).addValue(rs).addValue(channels);
    // one row at a time in key order, the order request transactions lock them in
    Future<Void> chain = Future.succeededFuture();
    for (Reveal r : sorted) {
      chain =
          chain.compose(
              v ->
                  conn.preparedQuery(
                          "UPDATE provider_state SET revealed = TRUE, updated_at = now()"
                              + " WHERE chain_id = $1 AND channel_id = $2 AND hashlock ="
                              + " $3 AND NOT revealed")
                      .execute(Tuple.of(chainId, r.channelId(), r.hashlock()))
                      .mapEmpty());
    }
    return chain
        .compose(
            v ->
                conn.preparedQuery(
                        "INSERT INTO revealed_r (chain_id, hashlock, r, channel_id)"
                            + " SELECT t.c, t.h, t.r, t.ch FROM unnest($1::bigint[],"
                            + " $2::text[], $3::text[], $4::text[]) AS t(c, h, r, ch)"
                            + " WHERE EXISTS (SELECT 1 FROM issued_promise i WHERE"
                            + " i.chain_id = t.c AND i.channel_id = t.ch AND"
                            + " i.hashlock = t.h) ON CONFLICT (chain_id, hashlock) DO"
                            + " NOTHING")
                    .execute(cols))
        .compose(
            v ->
                conn.preparedQuery(network.hermes.hub.store.PgStateStore.UPSERT_SETTLEABLE)
                    .execute(cols))
        .mapEmpty();
  }

  /** Records the round's provider settlements; a round read again adds nothing twice. */
  private Future<Void> writeSettlements(SqlConnection conn, List<SettlementEvent> settlements) {
    if (settlements.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = settlements.size();
    String[] txs = new String[n];
    Long[] indexes = new Long[n];
    Long[] blocks = new Long[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] channels = new String[n];
    String[] identities = new String[n];
    String[] beneficiaries = new String[n];
    Numeric[] amounts = new Numeric[n];
    Numeric[] fees = new Numeric[n];
    for (int i = 0; i < n; i++) {
      SettlementEvent e = settlements.get(i);
      txs[i] = e.txHash();
      indexes[i] = e.logIndex();
      blocks[i] = e.at().block();
      times[i] = utc(e.at().time());
      channels[i] = e.channelId();
      identities[i] = e.identity();
      beneficiaries[i] = e.beneficiary();
      amounts[i] = num(e.amount());
      fees[i] = num(e.fees());
    }
    return conn.preparedQuery(
            "INSERT INTO chain_settlement (chain_id, tx_hash, log_index, block, settled_at,"
                + " channel_id, identity, beneficiary, amount, fees) SELECT $1, * FROM"
                + " unnest($2::text[], $3::bigint[], $4::bigint[], $5::timestamptz[],"
                + " $6::text[], $7::text[], $8::text[], $9::numeric[], $10::numeric[]) ON"
                + " CONFLICT (chain_id, tx_hash, log_index) DO NOTHING")
        .execute(
            Tuple.tuple()
                .addValue(chainId)
                .addValue(txs)
                .addValue(indexes)
                .addValue(blocks)
                .addValue(times)
                .addValue(channels)
                .addValue(identities)
                .addValue(beneficiaries)
                .addValue(amounts)
                .addValue(fees))
        .mapEmpty();
  }

  /** A reorganisation undid the settlements after the fork: they are read again from there. */
  private Future<Void> forgetSettlementsAfter(SqlConnection conn, Long forkPoint) {
    if (forkPoint == null) {
      return Future.succeededFuture();
    }
    Future<?> consumers =
        conn.preparedQuery(
                "UPDATE chain_consumer SET latest_settlement = NULL, latest_settlement_block ="
                    + " NULL, revision = nextval('chain_fact_revision') WHERE chain_id = $1 AND"
                    + " latest_settlement_block > $2")
            .execute(Tuple.of(chainId, forkPoint));
    Future<?> channels =
        conn.preparedQuery(
                "UPDATE chain_provider_channel SET latest_settlement = NULL,"
                    + " latest_settlement_block = NULL, revision = nextval('chain_fact_revision')"
                    + " WHERE chain_id = $1 AND latest_settlement_block > $2")
            .execute(Tuple.of(chainId, forkPoint));
    Future<?> history =
        conn.preparedQuery("DELETE FROM chain_settlement WHERE chain_id = $1 AND block > $2")
            .execute(Tuple.of(chainId, forkPoint));
    return Future.all(consumers, channels, history).mapEmpty();
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private Future<Void> writeConsumers(SqlConnection conn, RoundWrite w) {
    if (w.consumers().isEmpty()) {
      return Future.succeededFuture();
    }
    List<ConsumerRow> rows =
        w.consumers().stream()
            .sorted(java.util.Comparator.comparing(ConsumerRow::identity))
            .toList();
    int n = rows.size();
    Long[] chain = new Long[n];
    String[] id = new String[n];
    String[] channel = new String[n];
    Boolean[] registered = new Boolean[n];
    String[] beneficiary = new String[n];
    Boolean[] deployed = new Boolean[n];
    Numeric[] balance = new Numeric[n];
    Numeric[] settled = new Numeric[n];
    Long[] exit = new Long[n];
    Long[] block = new Long[n];
    OffsetDateTime[] settledAt = new OffsetDateTime[n];
    Long[] settledBlock = new Long[n];
    for (int i = 0; i < n; i++) {
      ConsumerRow r = rows.get(i);
      settledAt[i] = r.latestSettlement() == null ? null : utc(r.latestSettlement().time());
      settledBlock[i] = r.latestSettlement() == null ? null : r.latestSettlement().block();
      chain[i] = chainId;
      id[i] = r.identity();
      channel[i] = r.channel();
      registered[i] = r.registered();
      beneficiary[i] = r.beneficiary();
      deployed[i] = r.deployed();
      balance[i] = num(r.balance());
      settled[i] = num(r.settled());
      exit[i] = r.exitTimelock();
      block[i] = w.readAt();
    }
    // the revision moves only when a fact changed, so hub instances reload only real changes
    return conn.preparedQuery(
            "INSERT INTO chain_consumer (chain_id, identity, channel, registered, beneficiary,"
                + " deployed, channel_balance, settled, exit_timelock, block, latest_settlement,"
                + " latest_settlement_block) SELECT * FROM unnest($1::bigint[], $2::text[],"
                + " $3::text[], $4::boolean[], $5::text[], $6::boolean[], $7::numeric[],"
                + " $8::numeric[], $9::bigint[], $10::bigint[], $11::timestamptz[], $12::bigint[])"
                + " ON CONFLICT (chain_id, identity) DO UPDATE SET channel = EXCLUDED.channel,"
                + " latest_settlement = COALESCE(EXCLUDED.latest_settlement,"
                + " chain_consumer.latest_settlement), latest_settlement_block ="
                + " COALESCE(EXCLUDED.latest_settlement_block,"
                + " chain_consumer.latest_settlement_block),"
                + " registered = EXCLUDED.registered, beneficiary = EXCLUDED.beneficiary, deployed"
                + " = EXCLUDED.deployed, channel_balance = EXCLUDED.channel_balance, settled ="
                + " EXCLUDED.settled, exit_timelock = EXCLUDED.exit_timelock, block ="
                + " EXCLUDED.block, read_at = now(), revision = CASE WHEN"
                + " (chain_consumer.registered, chain_consumer.channel_balance,"
                + " chain_consumer.settled, chain_consumer.exit_timelock,"
                + " chain_consumer.beneficiary) IS DISTINCT FROM (EXCLUDED.registered,"
                + " EXCLUDED.channel_balance, EXCLUDED.settled, EXCLUDED.exit_timelock,"
                + " EXCLUDED.beneficiary) OR EXCLUDED.latest_settlement IS NOT NULL THEN"
                + " nextval('chain_fact_revision') ELSE chain_consumer.revision END")
        .execute(
            Tuple.from(
                new Object[] {
                  chain,
                  id,
                  channel,
                  registered,
                  beneficiary,
                  deployed,
                  balance,
                  settled,
                  exit,
                  block,
                  settledAt,
                  settledBlock
                }))
        .mapEmpty();
  }

  private Future<Void> writeChannels(SqlConnection conn, RoundWrite w) {
    if (w.channels().isEmpty()) {
      return Future.succeededFuture();
    }
    List<ChannelRow> rows =
        w.channels().stream()
            .sorted(java.util.Comparator.comparing(ChannelRow::channelId))
            .toList();
    int n = rows.size();
    Long[] chain = new Long[n];
    String[] id = new String[n];
    Numeric[] settled = new Numeric[n];
    Numeric[] stake = new Numeric[n];
    Long[] block = new Long[n];
    OffsetDateTime[] settledAt = new OffsetDateTime[n];
    Long[] settledBlock = new Long[n];
    for (int i = 0; i < n; i++) {
      Settlement last = rows.get(i).latestSettlement();
      settledAt[i] = last == null ? null : utc(last.time());
      settledBlock[i] = last == null ? null : last.block();
      chain[i] = chainId;
      id[i] = rows.get(i).channelId();
      settled[i] = num(rows.get(i).settled());
      stake[i] = num(rows.get(i).stake());
      block[i] = w.readAt();
    }
    return conn.preparedQuery(
            "INSERT INTO chain_provider_channel (chain_id, channel_id, settled, stake, block,"
                + " latest_settlement, latest_settlement_block) SELECT * FROM unnest($1::bigint[],"
                + " $2::text[], $3::numeric[], $4::numeric[], $5::bigint[], $6::timestamptz[],"
                + " $7::bigint[]) ON CONFLICT (chain_id, channel_id) DO UPDATE SET settled ="
                + " EXCLUDED.settled, stake = EXCLUDED.stake, block = EXCLUDED.block,"
                + " latest_settlement = COALESCE(EXCLUDED.latest_settlement,"
                + " chain_provider_channel.latest_settlement), latest_settlement_block ="
                + " COALESCE(EXCLUDED.latest_settlement_block,"
                + " chain_provider_channel.latest_settlement_block), read_at = now(), revision ="
                + " CASE WHEN (chain_provider_channel.settled, chain_provider_channel.stake) IS"
                + " DISTINCT FROM (EXCLUDED.settled, EXCLUDED.stake) OR"
                + " EXCLUDED.latest_settlement IS NOT NULL THEN nextval('chain_fact_revision')"
                + " ELSE chain_provider_channel.revision END")
        .execute(
            Tuple.from(new Object[] {chain, id, settled, stake, block, settledAt, settledBlock}))
        .mapEmpty();
  }

  private Future<Void> writeHermes(SqlConnection conn, RoundWrite w) {
    HermesState h = w.hermes();
    if (h == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(
            "INSERT INTO chain_hermes (chain_id, hermes_id, status, fee_bps, min_stake, max_stake,"
                + " available_balance, hermes_stake, total_stake, token_balance, punished_at, block)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT"
                + " (chain_id, hermes_id) DO UPDATE SET status = EXCLUDED.status, fee_bps ="
                + " EXCLUDED.fee_bps, min_stake = EXCLUDED.min_stake, max_stake ="
                + " EXCLUDED.max_stake, available_balance = EXCLUDED.available_balance,"
                + " hermes_stake = EXCLUDED.hermes_stake, total_stake = EXCLUDED.total_stake,"
                + " token_balance = EXCLUDED.token_balance, punished_at ="
                + " COALESCE(EXCLUDED.punished_at, chain_hermes.punished_at), block ="
                + " EXCLUDED.block, read_at = now(), revision = CASE WHEN (chain_hermes.status,"
                + " chain_hermes.fee_bps, chain_hermes.min_stake, chain_hermes.max_stake,"
                + " chain_hermes.available_balance) IS DISTINCT FROM (EXCLUDED.status,"
                + " EXCLUDED.fee_bps, EXCLUDED.min_stake, EXCLUDED.max_stake,"
                + " EXCLUDED.available_balance) THEN nextval('chain_fact_revision') ELSE"
                + " chain_hermes.revision END")
        .execute(
            Tuple.tuple()
                .addLong(chainId)
                .addString(hermesId)
                .addInteger(h.status().ordinal())
                .addInteger(h.activeFeeBps())
                .addValue(num(h.minStake()))
                .addValue(num(h.maxStake()))
                .addValue(num(h.availableBalance()))
                .addValue(num(h.hermesStake()))
                .addValue(num(h.totalStake()))
                .addValue(num(h.tokenBalance()))
                .addValue(w.punishedAt())
                .addLong(w.readAt()))
        .mapEmpty();
  }

  /**
   * The solvency guard's figures, derived from the facts just written and the hub's own books:
   * collectible consumer money, what the chain settled on the hub's provider channels, the largest
   * stake.
   */
  private Future<Void> writeSolvency(SqlConnection conn) {
    return conn.preparedQuery(SOLVENCY).execute(Tuple.of(chainId, hermesId)).mapEmpty();
  }

  static final String SOLVENCY =
      "UPDATE chain_hermes SET collectible = x.collectible, provider_settled = x.settled,"
          + " largest_stake = x.largest, read_at = now(), revision ="
          + " nextval('chain_fact_revision') FROM (SELECT (SELECT COALESCE(SUM(LEAST(s.amount -"
          + " c.settled, c.channel_balance)), 0) FROM consumer_settleable s JOIN chain_consumer c"
          + " ON c.chain_id = s.chain_id AND c.identity = s.consumer WHERE s.chain_id = $1 AND"
          + " s.amount > c.settled) AS collectible, (SELECT COALESCE(SUM(LEAST(c.settled,"
          + " p.amount)), 0) FROM chain_provider_channel c JOIN provider_state p ON p.chain_id ="
          + " c.chain_id AND p.channel_id = c.channel_id WHERE c.chain_id = $1) AS settled,"
          + " (SELECT COALESCE(MAX(stake), 0) FROM chain_provider_channel WHERE chain_id = $1) AS"
          + " largest) x WHERE chain_hermes.chain_id = $1 AND chain_hermes.hermes_id = $2 AND"
          + " (chain_hermes.collectible, chain_hermes.provider_settled,"
          + " chain_hermes.largest_stake) IS DISTINCT FROM (x.collectible, x.settled, x.largest)";

  private Future<Void> writeCursor(SqlConnection conn, RoundWrite w) {
    List<Future<?>> steps = new ArrayList<>();
    if (w.rollbackTo() != null) {
      steps.add(
          conn.preparedQuery("DELETE FROM watcher_block WHERE chain_id = $1 AND block > $2")
              .execute(Tuple.of(chainId, w.rollbackTo())));
    }
    steps.add(
        conn.preparedQuery(
                "INSERT INTO watcher_cursor (chain_id, block, block_hash) VALUES ($1, $2, $3) ON"
                    + " CONFLICT (chain_id) DO UPDATE SET block = EXCLUDED.block, block_hash ="
                    + " EXCLUDED.block_hash, updated_at = now()")
            .execute(Tuple.of(chainId, w.block(), w.blockHash().toHex())));
    steps.add(
        conn.preparedQuery(
                "INSERT INTO watcher_block (chain_id, block, hash) VALUES ($1, $2, $3) ON CONFLICT"
                    + " (chain_id, block) DO UPDATE SET hash = EXCLUDED.hash")
            .execute(Tuple.of(chainId, w.block(), w.blockHash().toHex())));
    steps.add(
        conn.preparedQuery("DELETE FROM watcher_block WHERE chain_id = $1 AND block < $2")
            .execute(Tuple.of(chainId, w.pruneBelow())));
    if (!w.watchRequestsDone().isEmpty()) {
      steps.add(
          conn.preparedQuery(
                  "DELETE FROM watch_request WHERE chain_id = $1 AND identity = ANY($2::text[])")
              .execute(
                  Tuple.tuple()
                      .addValue(chainId)
                      .addValue(w.watchRequestsDone().toArray(String[]::new))));
    }
    return Future.all(steps).mapEmpty();
  }

  private Future<List<String>> strings(String sql, Tuple args) {
    return (pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<String> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(r.getString(0));
              }
              return out;
            }));
  }

  static Numeric num(TokenAmount v) {
    return Numeric.create(new BigDecimal(v.toBigInteger()));
  }
}
