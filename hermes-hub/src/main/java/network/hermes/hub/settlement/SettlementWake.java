package network.hermes.hub.settlement;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.hermes.promise.value.ChainId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the consumer settler to collect now: the solvency guard refused a promise because the hub
 * contract could not pay it. The settler may run in another instance, so the request is a row it
 * consumes; a local settler is also woken at once. Non-blocking; at most one row per second.
 */
public final class SettlementWake {
  private static final Logger LOG = LoggerFactory.getLogger(SettlementWake.class);

  /** Asks for an early settlement round. */
  public interface Trigger {
    Trigger NONE = chainId -> {};

    void request(ChainId chainId);
  }

  /** A trigger backed by {@code settlement_wake}, also waking a settler in this process. */
  public static Trigger of(Pool pool, Runnable localWake) {
    Map<ChainId, Long> last = new ConcurrentHashMap<>();
    return chainId -> {
      long now = System.nanoTime();
      Long before = last.get(chainId);
      if (before != null && now - before < 1_000_000_000L) {
        return;
      }
      last.put(chainId, now);
      pool.preparedQuery(
              "INSERT INTO settlement_wake (chain_id, requested_at) VALUES ($1, now()) ON CONFLICT"
                  + " (chain_id) DO UPDATE SET requested_at = now()")
          .execute(Tuple.of(chainId.value()))
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  LOG.warn("could not ask for a settlement round: {}", ar.cause().toString());
                }
                localWake.run();
              });
    };
  }

  private SettlementWake() {}
}
