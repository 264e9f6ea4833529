package network.hermes.hub.lease;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Objects;

/**
 * A lease row in the {@code lease} table. Portable SQL: an expired lease is taken with a plain
 * conditional UPDATE, so exactly one holder wins however many instances race for it.
 */
public final class PgLease implements LeaseStore {
  static final String ENSURE =
      "INSERT INTO lease (name, holder, expires_at) VALUES ($1, NULL, now()) ON CONFLICT (name) DO"
          + " NOTHING";
  static final String ACQUIRE =
      "UPDATE lease SET holder = $1, expires_at = now() + $3 * interval '1 millisecond',"
          + " renewed_at = now(), acquired_at = CASE WHEN holder = $1 THEN acquired_at ELSE now()"
          + " END WHERE name = $2 AND (holder = $1 OR holder IS NULL OR expires_at < now())"
          + " RETURNING holder";
  static final String RELEASE =
      "UPDATE lease SET holder = NULL, expires_at = now() WHERE name = $1 AND holder = $2";

  /**
   * Inside a transaction: passes only while the holder still has the lease, and keeps anyone from
   * taking it over until the transaction ends (the row is share-locked).
   */
  public static final String FENCE =
      "SELECT holder FROM lease WHERE name = $1 AND holder = $2 AND expires_at > now() FOR SHARE";

  private final Pool pool;
  private final String name;
  private final String holder;
  private final long ttlMillis;
  private volatile boolean ensured;

  public PgLease(Pool pool, String name, String holder, Duration ttl) {
    this.pool = Objects.requireNonNull(pool);
    this.name = Objects.requireNonNull(name);
    this.holder = Objects.requireNonNull(holder);
    this.ttlMillis = ttl.toMillis();
  }

  public String name() {
    return name;
  }

  public String holder() {
    return holder;
  }

  @Override
  public Future<Boolean> acquireOrRenew() {
    Future<?> row =
        ensured
            ? Future.succeededFuture()
            : pool.preparedQuery(ENSURE).execute(Tuple.of(name)).onSuccess(rows -> ensured = true);
    return row.compose(
        v ->
            pool.preparedQuery(ACQUIRE)
                .execute(Tuple.of(holder, name, ttlMillis))
                .map(rows -> rows.rowCount() == 1));
  }

  @Override
  public Future<Void> release() {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(name, holder)).mapEmpty();
  }

  /** Fails the transaction's future with {@link LeaseLostException} unless the lease is held. */
  public Future<Void> fence(SqlConnection conn) {
    return conn.preparedQuery(FENCE)
        .execute(Tuple.of(name, holder))
        .compose(
            rows ->
                rows.rowCount() == 1
                    ? Future.succeededFuture()
                    : Future.failedFuture(new LeaseLostException(name)));
  }
}
