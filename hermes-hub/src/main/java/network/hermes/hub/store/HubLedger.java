package network.hermes.hub.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import network.hermes.promise.value.ChainId;

/** The solvency guard's ledger row per chain: the sum of every hub promise amount issued. */
public final class HubLedger {
  private final Pool pool;

  public HubLedger(Pool pool) {
    this.pool = pool;
  }

  /** Creates the chain's row from the promises issued so far, unless it exists. */
  public Future<Void> open(ChainId chainId) {
    return pool.preparedQuery(
            "INSERT INTO hub_ledger (chain_id, promised) SELECT $1, COALESCE(SUM(amount), 0)"
                + " FROM provider_state WHERE chain_id = $1 ON CONFLICT (chain_id) DO NOTHING")
        .execute(Tuple.of(chainId.value()))
        .mapEmpty();
  }
}
