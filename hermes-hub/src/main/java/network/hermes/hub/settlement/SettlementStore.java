package network.hermes.hub.settlement;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.Solvency;
import network.hermes.hub.lease.PgLease;
import network.hermes.promise.value.TokenAmount;

/**
 * The settler's tables: settleable consumer promises joined with the chain facts, the attempts
 * made, and the back-off of promises that failed; the settler awaits its futures. Writes are fenced
 * by the lease. Nothing here ever deletes a settleable promise: it stays until the chain's settled
 * amount covers it.
 */
public final class SettlementStore {
  private final Pool pool;
  private final long chainId;
  private final String hermesId;
  private final PgLease lease;

  public SettlementStore(Pool pool, long chainId, String hermesId, PgLease lease) {
    this.pool = pool;
    this.chainId = chainId;
    this.hermesId = hermesId;
    this.lease = lease;
  }

  /** What happened to one promise of a batch. */
  public record Outcome(Candidate candidate, long attemptId, boolean settled, String error) {}

  // a promise we settled is taken as done until the watcher has read the channel at or after the
  // settling block, or has confirmed blocks past it without the channel showing the settlement
  // (a reorganisation took it away); exits first, then the largest amounts, so that a backlog
  // never hides an exiting consumer
  static final String CANDIDATES =
      "SELECT s.consumer, s.channel, s.amount, s.fee, s.hashlock, s.signature, s.r, c.settled,"
          + " c.channel_balance, c.exit_timelock, s.unsettled_since, s.attempts FROM"
          + " consumer_settleable s JOIN chain_consumer c ON c.chain_id = s.chain_id AND"
          + " c.identity = s.consumer WHERE s.chain_id = $1 AND s.amount > c.settled AND"
          + " (s.next_attempt_at IS NULL OR s.next_attempt_at <= $3) AND (s.settled_block IS"
          + " NULL OR c.block >= s.settled_block OR s.amount > s.settled_seen OR EXISTS (SELECT 1"
          + " FROM watcher_cursor w WHERE w.chain_id = s.chain_id AND w.block >="
          + " s.settled_block)) ORDER BY"
          + " c.exit_timelock = 0, c.exit_timelock, s.amount - c.settled DESC, s.consumer LIMIT"
          + " $2";

  /** Promises to settle; a failed one is back once its retry time has passed by {@code now}. */
  public Future<List<Candidate>> candidates(int limit, Instant now) {
    return (pool.preparedQuery(CANDIDATES)
        .execute(Tuple.of(chainId, limit, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
        .map(
            rows -> {
              List<Candidate> out = new ArrayList<>();
              for (Row r : rows) {
                OffsetDateTime since = r.getOffsetDateTime(10);
                out.add(
                    new Candidate(
                        r.getString(0),
                        r.getString(1),
                        amt(r, 2),
                        amt(r, 3),
                        r.getString(4),
                        r.getString(5),
                        r.getString(6),
                        amt(r, 7),
                        amt(r, 8),
                        r.getLong(9),
                        since == null ? null : since.toInstant(),
                        r.getInteger(11)));
              }
              return out;
            }));
  }

  /**
   * Whether the hub should collect consumer money now: someone asked (the solvency guard refused a
   * promise), or the contract's own balance is below what the hub owes plus the largest stake.
   */
  public Future<Boolean> collectionNeeded() {
    Future<Boolean> asked =
        pool.preparedQuery("DELETE FROM settlement_wake WHERE chain_id = $1")
            .execute(Tuple.of(chainId))
            .map(rows -> rows.rowCount() > 0);
    Future<Boolean> needed =
        pool.preparedQuery(
                "SELECT l.promised, h.available_balance, h.provider_settled, h.largest_stake"
                    + " FROM hub_ledger l JOIN chain_hermes h ON h.chain_id = l.chain_id"
                    + " WHERE l.chain_id = $1 AND h.hermes_id = $2")
            .execute(Tuple.of(chainId, hermesId))
            .map(
                rows -> {
                  var it = rows.iterator();
                  if (!it.hasNext()) {
                    return false;
                  }
                  Row r = it.next();
                  ChainFacts.Hermes h =
                      new ChainFacts.Hermes(
                          0,
                          0,
                          TokenAmount.ZERO,
                          TokenAmount.ZERO,
                          amt(r, 1),
                          TokenAmount.ZERO,
                          amt(r, 2),
                          amt(r, 3));
                  return Solvency.needsCollection(amt(r, 0), h);
                });
    return Future.all(asked, needed).map(v -> asked.result() || needed.result());
  }

  /** Records that these promises go out in one transaction; returns the attempt ids in order. */
  public Future<List<Long>> recordSending(List<Candidate> batch) {
    int n = batch.size();
    Long[] chains = new Long[n];
    String[] consumers = new String[n];
    String[] channels = new String[n];
    Numeric[] amounts = new Numeric[n];
    String[] hashlocks = new String[n];
    for (int i = 0; i < n; i++) {
      Candidate c = batch.get(i);
      chains[i] = chainId;
      consumers[i] = c.consumer();
      channels[i] = c.channel();
      amounts[i] = num(c.amount().toBigInteger());
      hashlocks[i] = c.hashlock();
    }
    Tuple cols =
        Tuple.tuple()
            .addValue(chains)
            .addValue(consumers)
            .addValue(channels)
            .addValue(amounts)
            .addValue(hashlocks);
    return (pool.withTransaction(
        conn ->
            lease
                .fence(conn)
                .compose(
                    v ->
                        conn.preparedQuery(
                                "INSERT INTO settlement_attempt (chain_id, consumer, channel,"
                                    + " amount, hashlock, status) SELECT c, k, ch, a, h,"
                                    + " 'sending' FROM unnest($1::bigint[], $2::text[],"
                                    + " $3::text[], $4::numeric[], $5::text[]) WITH"
                                    + " ORDINALITY AS t(c, k, ch, a, h, n) ORDER BY n"
                                    + " RETURNING id")
                            .execute(cols))
                .map(
                    rows -> {
                      List<Long> ids = new ArrayList<>();
                      for (Row r : rows) {
                        ids.add(r.getLong(0));
                      }
                      ids.sort(Comparator.naturalOrder());
                      return ids;
                    })));
  }

  /** The batch went out as {@code txHash} (a replacement reports its own hash). */
  public Future<Void> markSent(List<Long> attemptIds, String txHash) {
    return (pool.preparedQuery(
                "UPDATE settlement_attempt SET tx_hash = $1 WHERE id = ANY($2::bigint[])")
            .execute(Tuple.tuple().addValue(txHash).addValue(attemptIds.toArray(Long[]::new))))
        .mapEmpty();
  }

  /**
   * Applies the outcomes of a mined batch: settled promises are remembered as settled up to {@code
   * totalSettled} at {@code block}; failed ones back off and keep their promise.
   *
   * @param retryAt when failed promises may be tried again, per outcome (null for settled ones)
   */
  public Future<Void> recordOutcomes(
      List<Outcome> outcomes,
      List<TokenAmount> totalSettled,
      List<Instant> retryAt,
      String txHash,
      long block) {
    return (pool.withTransaction(
            conn -> {
              Future<Void> chain = lease.fence(conn);
              List<Integer> order = sortedByConsumer(outcomes);
              for (int i : order) {
                Outcome o = outcomes.get(i);
                TokenAmount total = totalSettled.get(i);
                Instant retry = retryAt.get(i);
                chain = chain.compose(v -> writeOutcome(conn, o, total, retry, txHash, block));
              }
              return chain;
            }))
        .mapEmpty();
  }

  /** The whole transaction failed (refused, reverted, no receipt): every promise backs off. */
  public Future<Void> recordFailure(
      List<Candidate> batch, List<Long> attemptIds, String error, Instant retry) {
    List<Outcome> outcomes = new ArrayList<>();
    List<TokenAmount> totals = new ArrayList<>();
    List<Instant> retries = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      outcomes.add(new Outcome(batch.get(i), attemptIds.get(i), false, error));
      totals.add(null);
      retries.add(retry);
    }
    return recordOutcomes(outcomes, totals, retries, null, -1);
  }

  private static List<Integer> sortedByConsumer(List<Outcome> outcomes) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> outcomes.get(i).candidate().consumer()));
    return order;
  }

  private Future<Void> writeOutcome(
      SqlConnection conn, Outcome o, TokenAmount total, Instant retry, String txHash, long block) {
    Future<?> attempt =
        conn.preparedQuery(
                "UPDATE settlement_attempt SET status = $1, error = $2, tx_hash = COALESCE($3,"
                    + " tx_hash), finished_at = now() WHERE id = $4")
            .execute(
                Tuple.of(o.settled() ? "settled" : "failed", o.error(), txHash, o.attemptId()));
    Future<?> promise;
    if (o.settled()) {
      promise =
          conn.preparedQuery(
                  "UPDATE consumer_settleable SET attempts = 0, next_attempt_at = NULL, last_error"
                      + " = NULL, settled_seen = $3, settled_block = $4, unsettled_since = CASE"
                      + " WHEN amount <= $3 THEN NULL ELSE unsettled_since END, updated_at = now()"
                      + " WHERE chain_id = $1 AND consumer = $2")
              .execute(
                  Tuple.of(chainId, o.candidate().consumer(), num(total.toBigInteger()), block));
    } else {
      promise =
          conn.preparedQuery(
                  "UPDATE consumer_settleable SET attempts = attempts + 1, next_attempt_at = $3,"
                      + " last_error = $4, updated_at = now() WHERE chain_id = $1 AND consumer ="
                      + " $2")
              .execute(
                  Tuple.of(
                      chainId,
                      o.candidate().consumer(),
                      OffsetDateTime.ofInstant(retry, ZoneOffset.UTC),
                      o.error()));
    }
    return Future.all(attempt, promise).mapEmpty();
  }

  static TokenAmount amt(Row r, int i) {
    Object v = r.getValue(i);
    BigInteger b = v instanceof Numeric n ? n.bigIntegerValue() : new BigInteger(v.toString());
    return TokenAmount.of(b);
  }

  static Numeric num(BigInteger v) {
    return Numeric.create(new BigDecimal(v));
  }
}
