package network.hermes.hub.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import network.hermes.promise.value.Address;

/**
 * Puts a stuck relay job back in the queue: one that failed ({@code error}) or waits for a later
 * attempt after transport failures. A provider may retry its own jobs, the operator any. The relay
 * worker (whichever instance holds the lease) sends it again at its next round, with a fresh count
 * of attempts.
 */
final class RelayRetry {
  /** Why a retry was refused, or the job as it is now queued. */
  sealed interface Outcome {}

  record Queued(ObjectNode job) implements Outcome {}

  /** No such job on this chain, or another identity's (a provider may not learn which). */
  record Unknown() implements Outcome {}

  /** The job is on its way or done: nothing to retry. */
  record NotStuck(String state, int attempts) implements Outcome {}

  private final Pool pool;
  private final Clock clock;

  RelayRetry(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * @param owner the identity whose job it must be; empty for the operator
   */
  Future<Outcome> retry(long chainId, String id, Optional<Address> owner) {
    String identity = owner.map(Address::toHex).orElse(null);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    // one statement: two instances or two clicks cannot queue it twice
    return pool.preparedQuery(
            "UPDATE relay_job SET state = 'queued', attempts = 0, next_attempt_at = $4, error ="
                + " NULL, updated_at = now() WHERE id = $1 AND chain_id = $2 AND ($3::text IS NULL"
                + " OR identity = $3) AND (state = 'error' OR (state = 'queued' AND attempts >"
                + " 0)) RETURNING "
                + RelayRows.COLUMNS)
        .execute(Tuple.of(id, chainId, identity, now))
        .compose(
            updated ->
                updated.size() > 0
                    ? Future.succeededFuture(queued(updated))
                    : pool.preparedQuery(
                            "SELECT state, attempts FROM relay_job WHERE id = $1 AND chain_id = $2"
                                + " AND ($3::text IS NULL OR identity = $3)")
                        .execute(Tuple.of(id, chainId, identity))
                        .map(RelayRetry::refusal));
  }

  private static Outcome queued(RowSet<Row> rows) {
    return new Queued((ObjectNode) RelayRows.json(rows).get(0));
  }

  private static Outcome refusal(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return new Unknown();
    }
    Row r = rows.iterator().next();
    return new NotStuck(r.getString("state"), r.getInteger("attempts"));
  }
}
