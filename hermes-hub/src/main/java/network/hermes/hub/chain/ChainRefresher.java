package network.hermes.hub.chain;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies chain facts into the {@code chain_*} tables: the hermes, every consumer and provider
 * channel the hub knows, and identities a request asked about. It runs on its own thread (RPC is
 * blocking) so that no request ever waits on the chain. The chain watcher of a later version
 * replaces it by following events; the tables and the {@link PgChainView} stay.
 */
public final class ChainRefresher implements AutoCloseable, ChainWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ChainRefresher.class);

  private final ChainReader reader;
  private final ChainFactsWriter writer;
  private final Pool pool;
  private final String hermesId;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chain-refresher");
            t.setDaemon(true);
            return t;
          });

  public ChainRefresher(ChainReader reader, ChainFactsWriter writer, Pool pool, String hermesId) {
    this.reader = reader;
    this.writer = writer;
    this.pool = pool;
    this.hermesId = hermesId;
  }

  /** Refreshes once now (blocking), then every {@code periodMs} in the background. */
  public void start(long periodMs) throws Exception {
    refreshOnce();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            refreshOnce();
          } catch (Exception e) {
            LOG.warn("chain refresh failed: {}", e.toString());
          }
        },
        periodMs,
        periodMs,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void watch(long chainId, String identity) {
    if (chainId == reader.chainId() && watched.add(identity)) {
      executor.execute(
          () -> {
            try {
              write(writer.consumer(chainId, identity, reader.consumer(identity)));
            } catch (Exception e) {
              LOG.warn("reading consumer {} failed: {}", identity, e.toString());
            }
          });
    }
  }

  void refreshOnce() throws Exception {
    long chain = reader.chainId();
    write(writer.hermes(chain, hermesId, reader.hermes()));
    Set<String> consumers = new LinkedHashSet<>(watched);
    consumers.addAll(
        column(
            "SELECT consumer FROM consumer_state WHERE chain_id = $1 UNION SELECT identity FROM"
                + " chain_consumer WHERE chain_id = $1",
            chain));
    for (String c : consumers) {
      write(writer.consumer(chain, c, reader.consumer(c)));
    }
    for (String ch :
        column(
            "SELECT channel_id FROM provider_state WHERE chain_id = $1 AND hashlock IS NOT NULL",
            chain)) {
      write(writer.channel(chain, ch, reader.channel(ch)));
    }
  }

  private List<String> column(String sql, long chain) throws Exception {
    return await(
        pool.preparedQuery(sql)
            .execute(Tuple.of(chain))
            .map(
                rows -> {
                  List<String> out = new ArrayList<>();
                  for (Row r : rows) {
                    out.add(r.getString(0));
                  }
                  return out;
                }));
  }

  private static void write(Future<Void> f) throws Exception {
    await(f);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
