package network.hermes.hub.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import network.hermes.hub.config.HubSettings;
import network.hermes.hub.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's database: the schema migrated on start, then a pool of connections whose sessions are
 * set for the hub (durable commits, generic plans, lock and statement timeouts). Refuses a server
 * that would acknowledge commits before they are durable.
 */
public final class DatabaseService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseService.class);

  private final Vertx vertx;
  private final HubSettings.Database settings;
  private final String url;
  private Pool pool;

  /**
   * @param url the configured database URL or the embedded database's
   */
  public DatabaseService(Vertx vertx, HubSettings.Database settings, String url) {
    this.vertx = vertx;
    this.settings = settings;
    this.url = url;
  }

  @Override
  public String name() {
    return "database pool";
  }

  @Override
  public void start() throws Exception {
    Migrations.DbUrl db = Migrations.DbUrl.parse(url, settings.password());
    var migrated = Migrations.apply(db);
    LOG.info(
        "database {} at schema version {} ({} migrations applied now)",
        db,
        migrated.schemaVersion(),
        migrated.applied());
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(db.host())
            .setPort(db.port())
            .setDatabase(db.database())
            .setUser(db.user())
            .setCachePreparedStatements(true)
            .setPipeliningLimit(256)
            .setProperties(
                Map.of(
                    "application_name", "hermes-hub",
                    "synchronous_commit", "on",
                    // every hub statement is an index lookup by construction: plan it once, and
                    // never let a plan made while a table was still tiny scan it once it is large
                    "plan_cache_mode", "force_generic_plan",
                    "enable_seqscan", "off",
                    "lock_timeout", Integer.toString(settings.lockTimeoutMs()),
                    // a stuck statement or transaction must fail the requests, not hang them
                    "statement_timeout", "15000",
                    "idle_in_transaction_session_timeout", "30000"));
    if (db.password() != null) {
      connect.setPassword(db.password());
    }
    pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(settings.poolSize()).setName("hermes-hub"))
            .connectingTo(connect)
            .using(vertx)
            .build();
    String sync =
        pool.query("SHOW synchronous_commit")
            .execute()
            .map(r -> r.iterator().next().getString(0))
            .await(60, TimeUnit.SECONDS);
    if (!"on".equals(sync) && !"remote_apply".equals(sync) && !"remote_write".equals(sync)) {
      throw new IllegalStateException("synchronous_commit is " + sync + "; the hub needs it on");
    }
  }

  public Pool pool() {
    return pool;
  }

  @Override
  public void stop() throws Exception {
    if (pool != null) {
      pool.close().await(10, TimeUnit.SECONDS);
    }
  }
}
