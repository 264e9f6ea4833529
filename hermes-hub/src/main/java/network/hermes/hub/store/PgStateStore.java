package network.hermes.hub.store;

import static network.hermes.hub.store.DbCodec.address;
import static network.hermes.hub.store.DbCodec.amount;
import static network.hermes.hub.store.DbCodec.big;
import static network.hermes.hub.store.DbCodec.bytes32;
import static network.hermes.hub.store.DbCodec.chain;
import static network.hermes.hub.store.DbCodec.channelAddress;
import static network.hermes.hub.store.DbCodec.channelId;
import static network.hermes.hub.store.DbCodec.hex;
import static network.hermes.hub.store.DbCodec.id;
import static network.hermes.hub.store.DbCodec.num;
import static network.hermes.hub.store.DbCodec.signature;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.ConsumerState;
import network.hermes.hub.core.IssuedPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer, provider-channel, agreement and issued-promise state in PostgreSQL.
 *
 * <p>{@link #execute} runs a batch of operations in ONE transaction: it locks every consumer row,
 * then every channel row, each in sorted order (so concurrent transactions, in this process or
 * another, cannot deadlock), applies the pure steps in order, writes what changed and commits once.
 */
public final class PgStateStore implements BatchExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(PgStateStore.class);

  private static final String CONSUMER_COLS =
      "chain_id, consumer, grand_total, latest_channel, latest_amount, latest_fee, latest_hashlock,"
          + " latest_signature";
  private static final String CHANNEL_COLS =
      "chain_id, channel_id, provider, kind, amount, fee, hashlock, revealed, r_recovery_data";

  // only existing rows are locked (in key order); a missing one is created by the write, a plain
  // INSERT that fails on a concurrent creation, and the batch runs again over the stored row
  static final String LOCK_CONSUMERS =
      "SELECT "
          + CONSUMER_COLS
          + " FROM consumer_state WHERE chain_id = ANY($1::bigint[]) AND consumer ="
          + " ANY($2::text[]) ORDER BY chain_id, consumer FOR UPDATE";
  static final String LOCK_CHANNELS =
      "SELECT "
          + CHANNEL_COLS
          + " FROM provider_state WHERE chain_id = ANY($1::bigint[]) AND channel_id ="
          + " ANY($2::text[]) ORDER BY chain_id, channel_id FOR UPDATE";
  static final String SELECT_AGREEMENTS =
      "SELECT a.chain_id, a.consumer, a.provider, a.agreement_id, a.last_total FROM"
          + " agreement_state a WHERE a.agreement_id = ANY($1::numeric[])";
  static final String ISSUED_COLS =
      "i.chain_id, i.channel_id, i.hashlock, i.consumer, i.provider, i.agreement_id,"
          + " i.agreement_total, i.delta, i.consumer_channel, i.consumer_amount, i.consumer_fee,"
          + " i.consumer_signature, i.amount, i.fee, i.r_recovery_data";
  static final String SELECT_ISSUED =
      "SELECT " + ISSUED_COLS + " FROM issued_promise i WHERE i.hashlock = ANY($1::text[])";

  // every write of a batch in one statement (one bind, one execution); the settleable upsert also
  // sees promises issued by this very statement, as a reveal in the same batch may refer to one
  static final int WRITE_PARAMS = 45;
  private static final String CONSUMER_ROWS =
      " (chain_id, consumer, grand_total, latest_channel, latest_amount, latest_fee,"
          + " latest_hashlock, latest_signature) SELECT c, k, g, lc, la, lf, lh, ls FROM"
          + " unnest($1::bigint[], $2::text[], $3::numeric[], $4::text[], $5::numeric[],"
          + " $6::numeric[], $7::text[], $8::text[], $44::boolean[]) AS t(c, k, g, lc, la, lf, lh,"
          + " ls, stored)";
  private static final String CHANNEL_ROWS =
      " (chain_id, channel_id, amount, fee, hashlock, revealed, r_recovery_data, provider, kind)"
          + " SELECT c, ch, a, f, h, r, rr, p, k FROM unnest($9::bigint[], $10::text[],"
          + " $11::numeric[], $12::numeric[], $13::text[], $14::boolean[], $15::text[],"
          + " $16::text[], $17::text[], $45::boolean[]) AS t(c, ch, a, f, h, r, rr, p, k, stored)";
  // a higher consumer promise replaces the settleable one and resets its retry state
  private static final String SETTLEABLE_ON_CONFLICT =
      " ON CONFLICT (chain_id, consumer) DO UPDATE SET channel = EXCLUDED.channel, amount ="
          + " EXCLUDED.amount, fee = EXCLUDED.fee, hashlock = EXCLUDED.hashlock, signature ="
          + " EXCLUDED.signature, r = EXCLUDED.r, unsettled_since ="
          + " COALESCE(consumer_settleable.unsettled_since, EXCLUDED.unsettled_since), attempts ="
          + " 0, next_attempt_at = NULL, last_error = NULL, updated_at = now() WHERE"
          + " consumer_settleable.amount < EXCLUDED.amount";
  // each revealed R joined to its promise, stored before (by the primary key) or issued by this
  // very statement: two joins, as one over their union would read the whole table
  private static final String REVEALED_ISSUED =
      "SELECT i.chain_id, i.consumer, i.consumer_channel, i.consumer_amount, i.consumer_fee,"
          + " i.hashlock, i.consumer_signature, t.r FROM unnest($38::bigint[], $39::text[],"
          + " $40::text[], $41::text[]) AS t(c, h, r, ch) JOIN ";
  private static final String ISSUED_MATCH =
      " i.chain_id = t.c AND i.channel_id = t.ch AND i.hashlock = t.h";
  // rows that were locked are upserted; new rows are plainly inserted, in key order so that two
  // transactions creating the same rows wait for each other instead of deadlocking
  static final String WRITE_ALL =
      "WITH consumers AS (INSERT INTO consumer_state"
          + CONSUMER_ROWS
          + " WHERE t.stored ON CONFLICT (chain_id, consumer) DO UPDATE SET"
          + " grand_total = EXCLUDED.grand_total, latest_channel = EXCLUDED.latest_channel,"
          + " latest_amount = EXCLUDED.latest_amount, latest_fee = EXCLUDED.latest_fee,"
          + " latest_hashlock = EXCLUDED.latest_hashlock, latest_signature ="
          + " EXCLUDED.latest_signature, updated_at = now()), new_consumers AS (INSERT INTO"
          + " consumer_state"
          + CONSUMER_ROWS
          + " WHERE NOT t.stored ORDER BY c, k), channels AS (INSERT INTO provider_state"
          + CHANNEL_ROWS
          + " WHERE t.stored ON CONFLICT (chain_id, channel_id) DO UPDATE SET amount ="
          + " EXCLUDED.amount, fee = EXCLUDED.fee, hashlock = EXCLUDED.hashlock, revealed ="
          + " EXCLUDED.revealed, r_recovery_data = EXCLUDED.r_recovery_data, updated_at = now()),"
          + " new_channels AS (INSERT INTO provider_state"
          + CHANNEL_ROWS
          + " WHERE NOT t.stored ORDER BY c, ch),"
          + " agreements AS (INSERT INTO agreement_state (chain_id, consumer, provider,"
          + " agreement_id, last_total) SELECT * FROM unnest($18::bigint[], $19::text[],"
          + " $20::text[], $21::numeric[], $22::numeric[]) ON CONFLICT (chain_id, consumer,"
          + " provider, agreement_id) DO UPDATE SET last_total = EXCLUDED.last_total, updated_at ="
          + " now()), issued AS (INSERT INTO issued_promise (chain_id, channel_id, hashlock,"
          + " consumer, provider, agreement_id, agreement_total, delta, consumer_channel,"
          + " consumer_amount, consumer_fee, consumer_signature, amount, fee, r_recovery_data)"
          + " SELECT * FROM unnest($23::bigint[], $24::text[], $25::text[], $26::text[],"
          + " $27::text[], $28::numeric[], $29::numeric[], $30::numeric[], $31::text[],"
          + " $32::numeric[], $33::numeric[], $34::text[], $35::numeric[], $36::numeric[],"
          + " $37::text[]) RETURNING chain_id, channel_id, hashlock, consumer, consumer_channel,"
          + " consumer_amount, consumer_fee, consumer_signature), revealed AS (INSERT INTO"
          + " revealed_r (chain_id, hashlock, r, channel_id) SELECT * FROM unnest($38::bigint[],"
          + " $39::text[], $40::text[], $41::text[]) ON CONFLICT (chain_id, hashlock) DO NOTHING),"
          + " settleable AS (INSERT INTO consumer_settleable (chain_id, consumer, channel, amount,"
          + " fee, hashlock, signature, r, unsettled_since) SELECT DISTINCT ON (s.chain_id,"
          + " s.consumer) s.chain_id, s.consumer, s.consumer_channel, s.consumer_amount,"
          + " s.consumer_fee, s.hashlock, s.consumer_signature, s.r, now() FROM ("
          + REVEALED_ISSUED
          + "issued_promise i ON"
          + ISSUED_MATCH
          + " UNION ALL "
          + REVEALED_ISSUED
          + "issued i ON"
          + ISSUED_MATCH
          + ") s ORDER BY s.chain_id, s.consumer, s.consumer_amount DESC"
          + SETTLEABLE_ON_CONFLICT
          + "), ledgers AS"
          + " (UPDATE hub_ledger SET promised = hub_ledger.promised + t.increase FROM"
          + " unnest($42::bigint[], $43::numeric[]) AS t(c, increase) WHERE hub_ledger.chain_id ="
          + " t.c) SELECT 1";

  static final String LOCK_LEDGERS =
      "SELECT chain_id, promised FROM hub_ledger WHERE chain_id = ANY($1::bigint[]) ORDER BY"
          + " chain_id FOR UPDATE";
  // a revealed R makes the consumer promise with that hashlock the consumer's latest settleable
  // one, unless a higher one is already known; one row per consumer, in key order (lock order)
  public static final String UPSERT_SETTLEABLE =
      "INSERT INTO consumer_settleable (chain_id, consumer, channel, amount, fee, hashlock,"
          + " signature, r, unsettled_since) SELECT DISTINCT ON (i.chain_id, i.consumer)"
          + " i.chain_id, i.consumer, i.consumer_channel, i.consumer_amount, i.consumer_fee,"
          + " i.hashlock, i.consumer_signature, t.r, now() FROM unnest($1::bigint[], $2::text[],"
          + " $3::text[], $4::text[]) AS t(c, h, r, ch) JOIN issued_promise i ON i.chain_id = t.c"
          + " AND i.channel_id = t.ch AND i.hashlock = t.h ORDER BY i.chain_id, i.consumer,"
          + " i.consumer_amount DESC"
          + SETTLEABLE_ON_CONFLICT;

  private final Pool pool;

  public PgStateStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /**
   * Runs the operations in one transaction and completes each promise after the commit. When the
   * transaction fails, every promise fails with a {@link StoreException}; a failed batch of several
   * is retried one operation at a time so that one bad request cannot sink the others.
   */
  @Override
  public Future<Void> execute(List<Pending<?>> batch) {
    return runTransaction(batch)
        // a row this batch created was created meanwhile by another transaction: it is stored now
        .recover(
            err ->
                SqlStates.isUniqueViolation(err) ? runTransaction(batch) : Future.failedFuture(err))
        .recover(
            err -> {
              StoreException se = SqlStates.map(err);
              if (batch.size() > 1 && !SqlStates.isContention(se)) {
                LOG.warn(
                    "batch of {} failed ({}), retrying one by one", batch.size(), se.getMessage());
                Future<Void> chain = Future.succeededFuture();
                for (Pending<?> p : batch) {
                  chain =
                      chain.compose(
                          v -> execute(List.of(p)).recover(e -> Future.succeededFuture()));
                }
                return chain;
              }
              // the endpoint that waits on this operation logs the failure once, with its cause
              LOG.debug("transaction failed: {}", err.toString());
              for (Pending<?> p : batch) {
                p.fail(se);
              }
              return Future.succeededFuture();
            });
  }

  private Future<Void> runTransaction(List<Pending<?>> batch) {
    TreeSet<Keys.Consumer> consumers = new TreeSet<>();
    TreeSet<Keys.Channel> channels = new TreeSet<>();
    List<Keys.Agreement> agreements = new ArrayList<>();
    List<Keys.Issued> issued = new ArrayList<>();
    TreeSet<ChainId> ledgers = new TreeSet<>(java.util.Comparator.comparingLong(ChainId::value));
    for (Pending<?> p : batch) {
      ledgers.addAll(p.op().ledgers());
      consumers.addAll(p.op().consumers());
      channels.addAll(p.op().channels());
      agreements.addAll(p.op().agreements());
      issued.addAll(p.op().issued());
    }
    List<Object> results = new ArrayList<>(batch.size());
    return pool.getConnection()
        .compose(
            conn ->
                pipelinedTransaction(
                        conn,
                        () -> {
                          BatchState state = new BatchState();
                          // pipelined: sent back to back, executed in this order by the server
                          Future<Void> locks = lockConsumers(conn, consumers, state);
                          Future<Void> lockCh = lockChannels(conn, channels, state);
                          Future<Void> agr = loadAgreements(conn, agreements, state);
                          Future<Void> iss = loadIssued(conn, issued, state);
                          Future<Void> led = lockLedgers(conn, ledgers, state);
                          return Future.all(List.of(locks, lockCh, agr, iss, led)).map(v -> state);
                        },
                        state -> {
                          for (Pending<?> p : batch) {
                            results.add(p.op().apply(state));
                          }
                          return write(conn, state);
                        })
                    .eventually(conn::close))
        .map(
            v -> {
              Pending.completeAll(batch, results);
              return null;
            });
  }

  /**
   * One transaction in two rounds with no round trip of its own: BEGIN goes out with the reads and
   * COMMIT right behind the writes, on the same connection, so the server runs them in order. The
   * writes are sent only after BEGIN and every read succeeded; if any write fails the server aborts
   * the transaction and turns the COMMIT into a rollback, and the failure reaches the caller.
   */
  private static <S> Future<Void> pipelinedTransaction(
      SqlConnection conn, Supplier<Future<S>> reads, Function<S, Future<Void>> writes) {
    Future<?> begin = conn.query("BEGIN").execute();
    Future<S> read = reads.get();
    return Future.all(begin, read)
        .compose(
            v -> {
              Future<Void> written = writes.apply(read.result());
              Future<?> commit = conn.query("COMMIT").execute();
              return Future.all(written, commit).<Void>mapEmpty();
            })
        .recover(
            err ->
                conn.query("ROLLBACK")
                    .execute()
                    .transform(ignored -> Future.<Void>failedFuture(err)));
  }

  private static Future<Void> lockConsumers(
      SqlConnection conn, TreeSet<Keys.Consumer> keys, BatchState state) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] chains = new Long[keys.size()];
    String[] ids = new String[keys.size()];
    int i = 0;
    for (Keys.Consumer k : keys) {
      chains[i] = id(k.chainId());
      ids[i++] = hex(k.consumer());
    }
    return conn.preparedQuery(LOCK_CONSUMERS)
        .execute(columns(distinct(chains), ids))
        .map(
            rows -> {
              for (Row r : rows) {
                ConsumerState s = consumerFrom(r);
                Keys.Consumer k = new Keys.Consumer(s.chainId(), s.consumer());
                if (keys.contains(k)) {
                  state.consumers.put(k, s);
                  state.storedConsumers.add(k);
                }
              }
              return null;
            });
  }

  private static Future<Void> lockChannels(
      SqlConnection conn, TreeSet<Keys.Channel> keys, BatchState state) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.Set<Keys.ChannelRef> wanted = new java.util.HashSet<>();
    Long[] chains = new Long[keys.size()];
    String[] ids = new String[keys.size()];
    int i = 0;
    for (Keys.Channel k : keys) {
      wanted.add(k.ref());
      chains[i] = id(k.chainId());
      ids[i++] = hex(k.channelId());
    }
    return conn.preparedQuery(LOCK_CHANNELS)
        .execute(columns(distinct(chains), ids))
        .map(
            rows -> {
              for (Row r : rows) {
                ProviderState s = channelFrom(r);
                Keys.ChannelRef ref = new Keys.ChannelRef(s.chainId(), s.channelId());
                if (wanted.contains(ref)) {
                  state.channels.put(ref, s);
                  state.storedChannels.add(ref);
                }
              }
              return null;
            });
  }

  private static Future<Void> lockLedgers(
      SqlConnection conn, TreeSet<ChainId> chains, BatchState state) {
    if (chains.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(LOCK_LEDGERS)
        .execute(columns((Object) chains.stream().map(DbCodec::id).toArray(Long[]::new)))
        .map(
            rows -> {
              for (Row r : rows) {
                state.promised.put(chain(r, 0), amount(r, 1));
              }
              return null;
            });
  }

  private static Long[] distinct(Long[] chains) {
    return java.util.Arrays.stream(chains).distinct().toArray(Long[]::new);
  }

  private static Future<Void> loadAgreements(
      SqlConnection conn, List<Keys.Agreement> keys, BatchState state) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.Set<Keys.Agreement> wanted = new java.util.HashSet<>(keys);
    Numeric[] ids = keys.stream().map(k -> num(k.agreementId())).distinct().toArray(Numeric[]::new);
    return conn.preparedQuery(SELECT_AGREEMENTS)
        .execute(columns((Object) ids))
        .map(
            rows -> {
              for (Row r : rows) {
                Keys.Agreement k =
                    new Keys.Agreement(chain(r, 0), address(r, 1), address(r, 2), big(r, 3));
                if (wanted.contains(k)) {
                  state.agreements.put(k, amount(r, 4));
                }
              }
              return null;
            });
  }

  private static Future<Void> loadIssued(
      SqlConnection conn, List<Keys.Issued> keys, BatchState state) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    java.util.Set<Keys.Issued> wanted = new java.util.HashSet<>(keys);
    String[] hashlocks =
        keys.stream().map(k -> hex(k.hashlock())).distinct().toArray(String[]::new);
    return conn.preparedQuery(SELECT_ISSUED)
        .execute(columns((Object) hashlocks))
        .map(
            rows -> {
              for (Row r : rows) {
                IssuedPromise p = issuedFrom(r);
                Keys.Issued k =
                    new Keys.Issued(
                        p.hubPromise().chainId(),
                        p.hubPromise().channelId(),
                        p.hubPromise().hashlock());
                if (wanted.contains(k)) {
                  state.issued.put(k, p);
                }
              }
              return null;
            });
  }

  private static Future<Void> write(SqlConnection conn, BatchState s) {
    if (!s.hasWrites()) {
      return Future.succeededFuture();
    }
    // one statement for every write of the batch; a part with nothing to write gets empty arrays
    List<Object> params = new ArrayList<>(WRITE_PARAMS);
    consumerColumns(s, params);
    channelColumns(s, params);
    agreementColumns(s, params);
    issuedColumns(s, params);
    revealedColumns(s, params);
    ledgerColumns(s, params);
    params.add(
        s.dirtyConsumers.keySet().stream()
            .map(s.storedConsumers::contains)
            .toArray(Boolean[]::new));
    params.add(
        s.dirtyChannels.keySet().stream().map(s.storedChannels::contains).toArray(Boolean[]::new));
    return conn.preparedQuery(WRITE_ALL).execute(Tuple.from(params)).mapEmpty();
  }

  private static void consumerColumns(BatchState s, List<Object> out) {
    int n = s.dirtyConsumers.size();
    Long[] c = new Long[n];
    String[] k = new String[n];
    Numeric[] g = new Numeric[n];
    String[] lc = new String[n];
    Numeric[] la = new Numeric[n];
    Numeric[] lf = new Numeric[n];
    String[] lh = new String[n];
    String[] ls = new String[n];
    int i = 0;
    for (ConsumerState cs : s.dirtyConsumers.values()) {
      c[i] = id(cs.chainId());
      k[i] = hex(cs.consumer());
      g[i] = num(cs.grandTotal());
      Promise l = cs.latest();
      lc[i] = l == null ? null : channelAddress(l.channelId());
      la[i] = l == null ? null : num(l.amount());
      lf[i] = l == null ? null : num(l.fee());
      lh[i] = l == null ? null : hex(l.hashlock());
      ls[i] = l == null ? null : l.signature().toHex();
      i++;
    }
    out.addAll(List.of(c, k, g, lc, la, lf, lh, ls));
  }

  private static void channelColumns(BatchState s, List<Object> out) {
    int n = s.dirtyChannels.size();
    Long[] c = new Long[n];
    String[] ch = new String[n];
    Numeric[] a = new Numeric[n];
    Numeric[] f = new Numeric[n];
    String[] h = new String[n];
    Boolean[] r = new Boolean[n];
    String[] rr = new String[n];
    String[] prov = new String[n];
    String[] kind = new String[n];
    int i = 0;
    for (ProviderState p : s.dirtyChannels.values()) {
      c[i] = id(p.chainId());
      ch[i] = hex(p.channelId());
      a[i] = num(p.amount());
      f[i] = num(p.fee());
      h[i] = p.hashlock() == null ? null : hex(p.hashlock());
      r[i] = p.revealed();
      rr[i] = p.rRecoveryData();
      prov[i] = hex(p.provider());
      kind[i] = p.kind().name();
      i++;
    }
    out.addAll(List.of(c, ch, a, f, h, r, rr, prov, kind));
  }

  private static void agreementColumns(BatchState s, List<Object> out) {
    int n = s.dirtyAgreements.size();
    Long[] c = new Long[n];
    String[] co = new String[n];
    String[] p = new String[n];
    Numeric[] id = new Numeric[n];
    Numeric[] t = new Numeric[n];
    int i = 0;
    for (Map.Entry<Keys.Agreement, TokenAmount> e : s.dirtyAgreements.entrySet()) {
      c[i] = id(e.getKey().chainId());
      co[i] = hex(e.getKey().consumer());
      p[i] = hex(e.getKey().provider());
      id[i] = num(e.getKey().agreementId());
      t[i] = num(e.getValue());
      i++;
    }
    out.addAll(List.of(c, co, p, id, t));
  }

  private static void issuedColumns(BatchState s, List<Object> out) {
    int n = s.newIssued.size();
    Long[] chain = new Long[n];
    String[] channel = new String[n];
    String[] hashlock = new String[n];
    String[] consumer = new String[n];
    String[] provider = new String[n];
    Numeric[] agreementId = new Numeric[n];
    Numeric[] agreementTotal = new Numeric[n];
    Numeric[] delta = new Numeric[n];
    String[] cChannel = new String[n];
    Numeric[] cAmount = new Numeric[n];
    Numeric[] cFee = new Numeric[n];
    String[] cSig = new String[n];
    Numeric[] amount = new Numeric[n];
    Numeric[] fee = new Numeric[n];
    String[] rr = new String[n];
    for (int i = 0; i < n; i++) {
      IssuedPromise p = s.newIssued.get(i);
      UnsignedPromise h = p.hubPromise();
      chain[i] = id(h.chainId());
      channel[i] = hex(h.channelId());
      hashlock[i] = hex(h.hashlock());
      consumer[i] = hex(p.consumer());
      provider[i] = hex(p.provider());
      agreementId[i] = num(p.agreementId());
      agreementTotal[i] = num(p.agreementTotal());
      delta[i] = num(p.delta());
      cChannel[i] = channelAddress(p.consumerPromise().channelId());
      cAmount[i] = num(p.consumerPromise().amount());
      cFee[i] = num(p.consumerPromise().fee());
      cSig[i] = p.consumerPromise().signature().toHex();
      amount[i] = num(h.amount());
      fee[i] = num(h.fee());
      rr[i] = p.rRecoveryData();
    }
    out.addAll(
        List.of(
            chain,
            channel,
            hashlock,
            consumer,
            provider,
            agreementId,
            agreementTotal,
            delta,
            cChannel,
            cAmount,
            cFee,
            cSig,
            amount,
            fee,
            rr));
  }

  private static void revealedColumns(BatchState s, List<Object> out) {
    int n = s.newRevealed.size();
    Long[] c = new Long[n];
    String[] h = new String[n];
    String[] r = new String[n];
    String[] ch = new String[n];
    for (int i = 0; i < n; i++) {
      BatchState.Revealed rv = s.newRevealed.get(i);
      c[i] = id(rv.chainId());
      h[i] = hex(rv.hashlock());
      r[i] = hex(rv.r());
      ch[i] = hex(rv.channelId());
    }
    out.addAll(List.of(c, h, r, ch));
  }

  private static void ledgerColumns(BatchState s, List<Object> out) {
    out.add(s.promisedIncrease.keySet().stream().map(DbCodec::id).toArray(Long[]::new));
    out.add(s.promisedIncrease.values().stream().map(v -> num(v)).toArray(Numeric[]::new));
  }

  // ---- reads outside transactions (data endpoints) ----

  public Future<Optional<ConsumerState>> findConsumer(ChainId chainId, Address consumer) {
    return pool.preparedQuery(
            "SELECT "
                + CONSUMER_COLS
                + " FROM consumer_state WHERE chain_id = $1 AND consumer = $2")
        .execute(Tuple.of(id(chainId), hex(consumer)))
        .map(rows -> first(rows).map(PgStateStore::consumerFrom));
  }

  public Future<Optional<ProviderState>> findChannel(ChainId chainId, Bytes32 channelId) {
    return pool.preparedQuery(
            "SELECT "
                + CHANNEL_COLS
                + " FROM provider_state WHERE chain_id = $1 AND channel_id = $2")
        .execute(Tuple.of(id(chainId), hex(channelId)))
        .map(rows -> first(rows).map(PgStateStore::channelFrom));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  // ---- row mapping ----

  static ConsumerState consumerFrom(Row r) {
    ChainId chain = chain(r, 0);
    Promise latest = null;
    if (r.getValue(4) != null) {
      latest =
          new Promise(
              chain,
              channelId(r, 3),
              amount(r, 4),
              amount(r, 5),
              bytes32(r, 6),
              null,
              signature(r, 7));
    }
    return new ConsumerState(chain, address(r, 1), amount(r, 2), latest);
  }

  static ProviderState channelFrom(Row r) {
    return new ProviderState(
        chain(r, 0),
        bytes32(r, 1),
        address(r, 2),
        ChannelKind.valueOf(r.getString(3)),
        amount(r, 4),
        amount(r, 5),
        bytes32(r, 6),
        r.getBoolean(7),
        r.getString(8));
  }

  static IssuedPromise issuedFrom(Row r) {
    ChainId chain = chain(r, 0);
    Bytes32 hashlock = bytes32(r, 2);
    UnsignedPromise hub =
        UnsignedPromise.forProviderChannel(
            chain, bytes32(r, 1), amount(r, 12), amount(r, 13), hashlock);
    Promise cp =
        new Promise(
            chain, channelId(r, 8), amount(r, 9), amount(r, 10), hashlock, null, signature(r, 11));
    return new IssuedPromise(
        address(r, 3),
        address(r, 4),
        big(r, 5),
        amount(r, 6),
        amount(r, 7),
        cp,
        hub,
        r.getString(14));
  }

  /** Each argument is one array-valued parameter (Tuple.of would spread a String[] as varargs). */
  private static Tuple columns(Object... arrays) {
    Tuple t = Tuple.tuple();
    for (Object a : arrays) {
      t.addValue(a);
    }
    return t;
  }
}
