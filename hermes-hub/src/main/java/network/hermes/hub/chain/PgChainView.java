package network.hermes.hub.chain;

import static network.hermes.hub.store.DbCodec.address;
import static network.hermes.hub.store.DbCodec.amount;
import static network.hermes.hub.store.DbCodec.bytes32;
import static network.hermes.hub.store.DbCodec.chain;
import static network.hermes.hub.store.DbCodec.hex;
import static network.hermes.hub.store.DbCodec.instant;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.service.Service;
import network.hermes.promise.value.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain view over the {@code chain_*} tables: an in-memory copy that a timer brings up to date
 * by loading only rows whose revision moved. Whoever writes those tables (the refresher, a seeding
 * operator, later the chain watcher) is thereby visible to every hub instance.
 */
public final class PgChainView extends MemoryChainView implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(PgChainView.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Address hermesId;
  private final Duration period;
  private long consumerRevision;
  private long channelRevision;
  private long hermesRevision;
  private long timerId = -1;
  private Future<Void> lastRefresh;

  /**
   * @param period how often changed facts are reloaded
   */
  public PgChainView(Vertx vertx, Pool pool, Clock clock, Address hermesId, Duration period) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.hermesId = hermesId;
    this.period = period;
  }

  @Override
  public String name() {
    return "chain view";
  }

  /** Loads everything once, then refreshes every period. */
  @Override
  public void start() throws Exception {
    refresh().await(60, TimeUnit.SECONDS);
    timerId =
        vertx.setPeriodic(
            period.toMillis(),
            id -> {
              if (idle()) {
                refresh().onFailure(e -> LOG.warn("chain view refresh failed: {}", e.toString()));
              }
            });
  }

  /** Stops refreshing; returns once a refresh under way has finished. */
  @Override
  public void stop() throws Exception {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    Future<Void> last;
    synchronized (this) {
      last = lastRefresh;
    }
    if (last != null) {
      last.transform(ar -> Future.succeededFuture()).await(30, TimeUnit.SECONDS);
    }
  }

  private synchronized boolean idle() {
    return lastRefresh == null || lastRefresh.isComplete();
  }

  @Override
  public Future<Void> catchUp() {
    return refresh();
  }

  /**
   * Reloads the changed facts after any refresh under way: refreshes run one at a time, so that an
   * older read never overwrites a newer one.
   */
  public synchronized Future<Void> refresh() {
    Future<Void> previous = lastRefresh == null ? Future.succeededFuture() : lastRefresh;
    lastRefresh = previous.transform(ar -> load());
    return lastRefresh;
  }

  private Future<Void> load() {
    var started = clock.instant();
    Future<Void> c =
        changedSince(
                "SELECT chain_id, identity, registered, channel_balance, settled, revision,"
                    + " exit_timelock, beneficiary, latest_settlement FROM chain_consumer WHERE"
                    + " revision > $1",
                Tuple.of(consumerRevision),
                5,
                consumerRevision,
                r ->
                    putConsumer(
                        chain(r, 0),
                        address(r, 1),
                        new ChainFacts.Consumer(
                            r.getBoolean(2),
                            amount(r, 3),
                            amount(r, 4),
                            r.getLong(6),
                            address(r, 7),
                            instant(r, 8))))
            .map(max -> consumerRevision = max)
            .mapEmpty();
    Future<Void> p =
        changedSince(
                "SELECT chain_id, channel_id, settled, stake, revision, latest_settlement FROM"
                    + " chain_provider_channel WHERE revision > $1",
                Tuple.of(channelRevision),
                4,
                channelRevision,
                r ->
                    putChannel(
                        chain(r, 0),
                        bytes32(r, 1),
                        new ChainFacts.ProviderChannel(amount(r, 2), amount(r, 3), instant(r, 5))))
            .map(max -> channelRevision = max)
            .mapEmpty();
    Future<Void> h =
        changedSince(
                "SELECT chain_id, status, fee_bps, min_stake, max_stake, available_balance,"
                    + " revision, collectible, provider_settled, largest_stake FROM chain_hermes"
                    + " WHERE hermes_id = $1 AND revision > $2",
                Tuple.of(hex(hermesId), hermesRevision),
                6,
                hermesRevision,
                r ->
                    putHermes(
                        chain(r, 0),
                        new ChainFacts.Hermes(
                            r.getInteger(1),
                            r.getInteger(2),
                            amount(r, 3),
                            amount(r, 4),
                            amount(r, 5),
                            amount(r, 7),
                            amount(r, 8),
                            amount(r, 9))))
            .map(max -> hermesRevision = max)
            .mapEmpty();
    return Future.all(c, p, h).onSuccess(v -> setAsOf(started)).mapEmpty();
  }

  /** Applies the rows a fact query returns; answers the highest revision seen (at least since). */
  private Future<Long> changedSince(
      String sql, Tuple args, int revisionColumn, long since, Consumer<Row> apply) {
    return pool.preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              long max = since;
              for (Row r : rows) {
                apply.accept(r);
                max = Math.max(max, r.getLong(revisionColumn));
              }
              return max;
            });
  }
}
