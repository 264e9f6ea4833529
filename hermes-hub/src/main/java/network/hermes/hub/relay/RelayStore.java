package network.hermes.hub.relay;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.hermes.hub.lease.PgLease;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.RelayJson;
import network.hermes.promise.wire.RelayRequest;

/**
 * Fee quotes and relay jobs in PostgreSQL, as futures: the HTTP handlers (any hub instance) chain
 * them on the event loop; the relay worker (the lease holder) awaits them, its writes fenced by the
 * lease.
 */
public final class RelayStore {
  private static final String JOB_COLS =
      "id, chain_id, kind, identity, payload, state, tx_hash, error, attempts, created_at";

  private final Pool pool;
  private final PgLease lease;

  public RelayStore(Pool pool, PgLease lease) {
    this.pool = pool;
    this.lease = lease;
  }

  public Future<Void> saveQuote(ChainId chainId, FeeQuoter.Quote q) {
    return pool.preparedQuery(
            "INSERT INTO relay_quote (chain_id, kind, fee, valid_until) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(chainId.value(), q.kind().name(), num(q.fee()), utc(q.validUntil())))
        .mapEmpty();
  }

  /**
   * The lowest fee of the kind's quotes still valid at {@code now}, if any. {@code now} comes from
   * the clock that set {@code valid_until} (the hub's), not from the database's.
   */
  public Future<Optional<BigInteger>> lowestValidQuote(ChainId chainId, FeeKind kind, Instant now) {
    return pool.preparedQuery(
            "SELECT MIN(fee) FROM relay_quote WHERE chain_id = $1 AND kind = $2 AND valid_until >"
                + " $3")
        .execute(Tuple.of(chainId.value(), kind.name(), utc(now)))
        .map(
            rows -> {
              Object v = rows.iterator().next().getValue(0);
              return v == null ? Optional.empty() : Optional.of(big(v));
            });
  }

  /**
   * Queues a job and returns its id. A registration for an identity that already has one queued or
   * sent returns that one instead (submitting twice is harmless). The job is due at {@code now}.
   */
  public Future<String> enqueue(RelayRequest p, Instant now) {
    String id = UUID.randomUUID().toString();
    String payload = RelayJson.write(p);
    JobKind kind = JobKind.of(p);
    if (kind == JobKind.REGISTER) {
      return pool.preparedQuery(
              "SELECT id FROM relay_job WHERE chain_id = $1 AND identity = $2 AND kind = $3 AND"
                  + " state IN ('queued', 'sent') LIMIT 1")
          .execute(Tuple.of(p.chainId().value(), p.identity().toHex(), kind.name()))
          .compose(
              rows ->
                  rows.size() > 0
                      ? Future.succeededFuture(rows.iterator().next().getString(0))
                      : insert(id, kind, p, payload, now));
    }
    return insert(id, kind, p, payload, now);
  }

  private Future<String> insert(
      String id, JobKind kind, RelayRequest p, String payload, Instant now) {
    return pool.preparedQuery(
            "INSERT INTO relay_job (id, chain_id, kind, identity, payload, fee, state,"
                + " next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7)")
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  p.chainId().value(),
                  kind.name(),
                  p.identity().toHex(),
                  payload,
                  num(p.fee().toBigInteger()),
                  utc(now)
                }))
        .map(id);
  }

  public Future<Optional<RelayJob>> job(String id) {
    return pool.preparedQuery("SELECT " + JOB_COLS + " FROM relay_job WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(jobFrom(rows.iterator().next())));
  }

  // ---- the worker (fenced) ----

  /**
   * Forgets quotes that expired more than an hour before {@code now} (every GET of a fee adds one).
   */
  public Future<Void> pruneQuotes(ChainId chainId, Instant now) {
    return (pool.preparedQuery("DELETE FROM relay_quote WHERE chain_id = $1 AND valid_until < $2")
            .execute(Tuple.of(chainId.value(), utc(now.minus(Duration.ofHours(1))))))
        .mapEmpty();
  }

  /** Queued jobs whose time has come by {@code now} (the clock that set it), oldest first. */
  public Future<List<RelayJob>> due(ChainId chainId, int limit, Instant now) {
    return jobs(
        "SELECT "
            + JOB_COLS
            + " FROM relay_job WHERE chain_id = $1 AND state = 'queued' AND next_attempt_at <="
            + " $3 ORDER BY created_at LIMIT $2",
        Tuple.of(chainId.value(), limit, utc(now)));
  }

  /** Jobs broadcast before a restart or a change of lease holder. */
  public Future<List<RelayJob>> sent(ChainId chainId) {
    return jobs(
        "SELECT " + JOB_COLS + " FROM relay_job WHERE chain_id = $1 AND state = 'sent'",
        Tuple.of(chainId.value()));
  }

  public Future<Void> markSent(String id, String txHash) {
    return update(
        "UPDATE relay_job SET state = 'sent', tx_hash = $2, attempts = attempts + 1, updated_at ="
            + " now() WHERE id = $1",
        Tuple.of(id, txHash));
  }

  public Future<Void> markDone(String id, String txHash) {
    return update(
        "UPDATE relay_job SET state = 'done', tx_hash = $2, error = NULL, updated_at = now()"
            + " WHERE id = $1",
        Tuple.of(id, txHash));
  }

  public Future<Void> markError(String id, String reason) {
    return update(
        "UPDATE relay_job SET state = 'error', error = $2, updated_at = now() WHERE id = $1",
        Tuple.of(id, reason));
  }

  /** Back to the queue until {@code at}, with why it was not done yet. */
  public Future<Void> retryLater(String id, Instant at, String reason, boolean countAttempt) {
    return update(
        "UPDATE relay_job SET state = 'queued', next_attempt_at = $2, error = $3, attempts ="
            + " attempts + $4, updated_at = now() WHERE id = $1",
        Tuple.of(id, utc(at), reason, countAttempt ? 1 : 0));
  }

  private Future<Void> update(String sql, Tuple args) {
    return (pool.withTransaction(
            conn -> lease.fence(conn).compose(v -> conn.preparedQuery(sql).execute(args))))
        .mapEmpty();
  }

  private Future<List<RelayJob>> jobs(String sql, Tuple args) {
    return (pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<RelayJob> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(jobFrom(r));
              }
              return out;
            }));
  }

  private static RelayJob jobFrom(Row r) {
    JobKind kind = JobKind.valueOf(r.getString(2));
    OffsetDateTime created = r.getOffsetDateTime(9);
    return new RelayJob(
        r.getString(0),
        r.getLong(1),
        kind,
        r.getString(3),
        read(kind, r.getString(4)),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getInteger(8),
        created == null ? null : created.toInstant());
  }

  /** The stored payload, or null when it is not in the relay codec's form (an older hub's). */
  static RelayRequest read(JobKind kind, String json) {
    try {
      return RelayJson.readRequest(kind.path(), json.getBytes(StandardCharsets.UTF_8));
    } catch (MalformedWireException e) {
      return null;
    }
  }

  private static BigInteger big(Object v) {
    return v instanceof Numeric n ? n.bigIntegerValue() : new BigInteger(v.toString());
  }

  private static Numeric num(BigInteger v) {
    return Numeric.create(new BigDecimal(v));
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
