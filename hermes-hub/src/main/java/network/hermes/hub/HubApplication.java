package network.hermes.hub;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hub.api.ApiContext;
import network.hermes.hub.api.HttpApi;
import network.hermes.hub.chain.ChainFactsWriter;
import network.hermes.hub.chain.ChainMode;
import network.hermes.hub.chain.ChainWatch;
import network.hermes.hub.chain.PgChainView;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.config.HubSettings;
import network.hermes.hub.config.SigningKeys;
import network.hermes.hub.core.Decisions;
import network.hermes.hub.core.HubPolicy;
import network.hermes.hub.crypto.HubChannelMath;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.hub.crypto.Verifier;
import network.hermes.hub.dashboard.Dashboard;
import network.hermes.hub.dashboard.DashboardSettings;
import network.hermes.hub.duties.ChainDuties;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.hub.relay.RelayChecks;
import network.hermes.hub.relay.RelayService;
import network.hermes.hub.service.ServiceController;
import network.hermes.hub.service.VertxService;
import network.hermes.hub.settlement.SettlementWake;
import network.hermes.hub.store.DatabaseService;
import network.hermes.hub.store.EmbeddedDatabase;
import network.hermes.hub.store.HubLedger;
import network.hermes.hub.store.PgStateStore;
import network.hermes.hub.store.TxBatcher;
import network.hermes.hub.watcher.ChainWatcher;
import network.hermes.hub.watcher.WatchRequests;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the hub's services from its settings and starts them in dependency
 * order (embedded database, chain, event loops, pool, chain view, chain duties, HTTP API); {@link
 * #close()} stops them in reverse: the API stops accepting and finishes its requests, the chain
 * duties stop and give up their lease, the pool closes, then the devnet and the embedded database
 * stop.
 */
public final class HubApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubApplication.class);

  private final HubSettings settings;
  private final DashboardSettings dashboardSettings;
  private final String describedConfig;
  private final Clock clock;
  private final ServiceController services = new ServiceController();
  private final HubMetrics metrics = new HubMetrics();
  private final String instanceId =
      ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  private ChainMode chain;
  private Pool pool;
  private HubPolicy policy;
  private PgChainView chainView;
  private ChainDuties duties;
  private HttpApi http;

  private HubApplication(
      HubSettings settings,
      DashboardSettings dashboardSettings,
      String describedConfig,
      Clock clock) {
    this.settings = settings;
    this.dashboardSettings = dashboardSettings;
    this.describedConfig = describedConfig;
    this.clock = clock;
  }

  /** A hub to {@link #start()}; its settings are parsed (and refused) here. */
  public static HubApplication of(HubConfig config, Clock clock) throws Exception {
    return new HubApplication(
        HubSettings.from(config), DashboardSettings.from(config), config.describe(), clock);
  }

  /** Starts everything; blocks the calling (non-Vert.x) thread until the server listens. */
  public static HubApplication start(HubConfig config, Clock clock) throws Exception {
    HubApplication app = of(config, clock);
    app.start();
    return app;
  }

  /**
   * Starts the services in order. On failure (or when {@link #close()} is called meanwhile), stops
   * what it started and throws.
   */
  public void start() throws Exception {
    try {
      startServices();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startServices() throws Exception {
    LOG.info("configuration:\n{}", describedConfig);
    Secp256k1 secp = Secp256k1s.getDefault();
    LOG.info("secp256k1 implementation: {}", secp.name());

    String dbUrl = settings.db().url();
    if (settings.db().embedded()) {
      HubSettings.Database d = settings.db();
      EmbeddedDatabase embedded =
          services.start(
              new EmbeddedDatabase(d.embeddedDir(), d.embeddedPort(), d.embeddedSettings()));
      dbUrl = embedded.url();
      LOG.info(
          "embedded PostgreSQL on port {} with data in {}", embedded.port(), embedded.dataDir());
    }

    // a devnet registers the URL the API will have; with a free port it is updated once known
    chain =
        services.start(
            ChainMode.of(
                settings,
                "http://" + settings.http().host() + ":" + settings.http().port() + "/api/v2"));
    HubDeployment deployment = chain.deployment();
    OperatorKey operator = new OperatorKey(chain.operatorKey(), secp);
    if (deployment.operator() != null
        && !Address.fromHex(deployment.operator()).equals(operator.address())) {
      throw new IllegalStateException(
          "the operator key is "
              + operator.address()
              + " but the deployment names "
              + deployment.operator());
    }
    Set<ChainId> chains = new LinkedHashSet<>(chain.chainIds(settings));
    Optional<ChainClient> client = chain.client();
    boolean watching = client.isPresent() && settings.watcher().enabled();
    boolean guard =
        switch (settings.policy().solvencyGuard()) {
          case AUTO -> watching;
          case ON -> true;
          case OFF -> false;
        };
    HubChannelMath channels =
        new HubChannelMath(
            Address.fromHex(deployment.hermesId()),
            Address.fromHex(deployment.registry()),
            Address.fromHex(deployment.channelImplementation()));
    HubSettings.Policy p = settings.policy();
    policy =
        new HubPolicy(
            Address.fromHex(deployment.hermesId()),
            operator.address(),
            chains,
            p.maxTransactorFee(),
            p.zeroStakeCap(),
            p.payAndSettle(),
            guard);
    Decisions decisions = new Decisions(policy, channels, clock, p.maxFactsAge());
    LOG.info(
        "hermes {} operator {} chains {} solvency guard {}",
        policy.hermesId(),
        operator.address(),
        chains,
        guard ? "on" : "off");

    var vertx = services.start(new VertxService(metrics)).vertx();
    pool = services.start(new DatabaseService(vertx, settings.db(), dbUrl)).pool();
    if (guard) {
      for (ChainId id : chains) {
        new HubLedger(pool).open(id).await(60, TimeUnit.SECONDS);
      }
    }
    if (chain instanceof ChainMode.Offline offline && offline.development()) {
      ChainFactsWriter facts = new ChainFactsWriter(pool);
      for (ChainId id : chains) {
        facts.developmentHermes(id, policy.hermesId()).await(60, TimeUnit.SECONDS);
      }
    }
    chainView =
        services.start(
            new PgChainView(vertx, pool, clock, policy.hermesId(), settings.chain().viewRefresh()));
    metrics.chainViewAge(chainView::asOf, clock);

    ChainWatch watch = ChainWatch.NONE;
    SettlementWake.Trigger settleTrigger = SettlementWake.Trigger.NONE;
    RelayService relay = null;
    if (watching) {
      Deployment contracts = chain.contracts().orElseThrow();
      duties =
          services.start(
              new ChainDuties(
                  settings,
                  pool,
                  client.get(),
                  contracts,
                  chain.operatorKey(),
                  SigningKeys.relay(settings.relay(), chain.operatorKey()),
                  chainView,
                  metrics,
                  instanceId,
                  clock));
      watch = new WatchRequests(pool, chains);
      settleTrigger = SettlementWake.of(pool, duties::wakeSettler);
      if (duties.relayStore().isPresent()) {
        ChainId chainId = contracts.chainId();
        relay =
            new RelayService(
                chainId,
                settings.relay().quoter(),
                duties::gasPrice,
                new RelayChecks(
                    chainId,
                    contracts.registry(),
                    contracts.hermesId(),
                    policy.operator(),
                    secp,
                    chainView),
                duties.relayStore().get(),
                new WatchRequests(pool, Set.of(chainId)),
                clock,
                duties::wakeRelay);
        LOG.info(
            "relay (transactor) key {}",
            secp.addressOf(SigningKeys.relay(settings.relay(), chain.operatorKey())));
      }
      awaitChainFacts(chains, Duration.ofSeconds(60));
    }
    ChainId mainChain = chains.iterator().next();
    metrics.hubBalance(
        () -> chainView.hermes(mainChain).availableBalance().toBigInteger(),
        settings.watcher().lowBalance().toBigInteger());

    PgStateStore store = new PgStateStore(pool);
    HubSettings.Batch b = settings.batch();
    TxBatcher batcher =
        new TxBatcher(
            vertx,
            store,
            b.enabled() ? b.maxSize() : 1,
            b.enabled() ? b.maxInFlight() : settings.db().poolSize(),
            b.enabled() ? b.overlapAt() : 1,
            b.maxQueue(),
            metrics.transactions());
    metrics.gauge("hermes_tx_queue", "Operations waiting for a transaction", batcher::queued);
    metrics.gauge("hermes_tx_in_flight", "Group-commit transactions under way", batcher::inFlight);
    ApiContext api =
        new ApiContext(
            decisions,
            channels,
            chainView,
            store,
            batcher,
            operator,
            new Verifier(secp),
            metrics,
            watch,
            settleTrigger,
            relay);
    Dashboard dashboard =
        services.start(
            new Dashboard(
                vertx,
                dashboardSettings,
                pool,
                policy,
                channels,
                chainView,
                metrics,
                api.verifier(),
                client,
                relay,
                this::leaseHeld,
                instanceId,
                clock));
    http =
        services.start(
            new HttpApi(
                vertx,
                api,
                settings.http(),
                settings.shutdownGrace(),
                this::ready,
                metrics::scrape,
                dashboard::mount));
    if (chain instanceof ChainMode.Devnet devnet) {
      devnet.announce(http.baseUrl());
    }
  }

  /** Waits (bounded) until the chain view knows the hub contract, so that /readyz can pass. */
  private void awaitChainFacts(Set<ChainId> chains, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !services.stopping()) {
      chainView.refresh().await(30, TimeUnit.SECONDS);
      if (chains.stream().allMatch(c -> chainView.hermes(c).known())) {
        return;
      }
      Thread.sleep(100);
    }
    LOG.warn(
        "no chain facts after {}; the hub is not ready until the watcher writes them", timeout);
  }

  private Future<Void> ready() {
    if (services.stopping()) {
      return Future.failedFuture("shutting down");
    }
    for (ChainId id : policy.chainIds()) {
      if (!chainView.hermes(id).known()) {
        return Future.failedFuture(
            "no chain facts for hermes " + policy.hermesId() + " on chain " + id);
      }
    }
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  /** The devnet's JSON-RPC URL and deployment file, when this hub started one. */
  public Optional<ChainMode.Devnet> devnet() {
    return chain instanceof ChainMode.Devnet d ? Optional.of(d) : Optional.empty();
  }

  public Pool pool() {
    return pool;
  }

  public HubPolicy policy() {
    return policy;
  }

  public PgChainView chainView() {
    return chainView;
  }

  public HubMetrics metrics() {
    return metrics;
  }

  /** This instance's name in the lease table. */
  public String instanceId() {
    return instanceId;
  }

  /** The chain watcher's progress, or null when this hub follows no chain. */
  public ChainWatcher.Status watcherStatus() {
    return duties == null ? null : duties.watcherStatus();
  }

  /** Rounds of the chain watcher this instance ran (0 while another instance holds the lease). */
  public long watcherRounds() {
    return duties == null ? 0 : duties.watcherRounds();
  }

  /** Whether this instance holds the chain-duties lease. */
  public boolean leaseHeld() {
    return duties != null && duties.leaseHeld();
  }

  /** Asks the consumer settler for a round now (no effect on an instance without the lease). */
  public void wakeSettler() {
    if (duties != null) {
      duties.wakeSettler();
    }
  }

  /** The graceful stop, in the reverse order of starting; safe to call more than once. */
  @Override
  public void close() {
    boolean first = !services.stopping();
    services.stop();
    if (first) {
      LOG.info("hub stopped");
    }
  }
}
