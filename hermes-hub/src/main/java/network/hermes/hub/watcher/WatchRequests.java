package network.hermes.hub.watcher;

import static network.hermes.hub.store.DbCodec.hex;
import static network.hermes.hub.store.DbCodec.id;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.hermes.hub.chain.ChainWatch;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the chain watcher (which may run in another hub instance) to follow an identity: a row in
 * {@code watch_request}, picked up in the watcher's next round. Non-blocking; each identity is
 * asked for once per process.
 */
public final class WatchRequests implements ChainWatch {
  private static final Logger LOG = LoggerFactory.getLogger(WatchRequests.class);

  private final Pool pool;

  private record Asked(ChainId chainId, Address identity) {}

  private final Set<ChainId> chains;
  private final Set<Asked> asked = ConcurrentHashMap.newKeySet();

  public WatchRequests(Pool pool, Set<ChainId> chains) {
    this.pool = pool;
    this.chains = Set.copyOf(chains);
  }

  @Override
  public void watch(ChainId chainId, Address identity) {
    Asked key = new Asked(chainId, identity);
    if (!chains.contains(chainId) || !asked.add(key)) {
      return;
    }
    pool.preparedQuery(
            "INSERT INTO watch_request (chain_id, identity) VALUES ($1, $2) ON CONFLICT (chain_id,"
                + " identity) DO NOTHING")
        .execute(Tuple.of(id(chainId), hex(identity)))
        .onFailure(
            e -> {
              asked.remove(key);
              LOG.warn("could not ask the watcher to follow {}: {}", identity, e.toString());
            });
  }
}
