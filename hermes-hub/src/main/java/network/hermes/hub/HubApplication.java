package network.hermes.hub;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.FeePolicy;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.Keystore;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.hub.api.ApiContext;
import network.hermes.hub.api.HttpVerticle;
import network.hermes.hub.chain.ChainFactsWriter;
import network.hermes.hub.chain.ChainWatch;
import network.hermes.hub.chain.PgChainView;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.Decisions;
import network.hermes.hub.core.HubPolicy;
import network.hermes.hub.crypto.HubChannelMath;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.hub.crypto.Verifier;
import network.hermes.hub.lease.LeaseKeeper;
import network.hermes.hub.lease.LeasedWorker;
import network.hermes.hub.lease.PgLease;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.hub.relay.FeeKind;
import network.hermes.hub.relay.FeeQuoter;
import network.hermes.hub.relay.GasPriceCache;
import network.hermes.hub.relay.RelayChecks;
import network.hermes.hub.relay.RelayService;
import network.hermes.hub.relay.RelayStore;
import network.hermes.hub.relay.RelayWorker;
import network.hermes.hub.settlement.ConsumerSettler;
import network.hermes.hub.settlement.SettlementRules;
import network.hermes.hub.settlement.SettlementStore;
import network.hermes.hub.settlement.SettlementWake;
import network.hermes.hub.store.EmbeddedDatabase;
import network.hermes.hub.store.Migrations;
import network.hermes.hub.store.PgStateStore;
import network.hermes.hub.store.TxBatcher;
import network.hermes.hub.watcher.ChainWatcher;
import network.hermes.hub.watcher.RpcBlockSource;
import network.hermes.hub.watcher.WatchRequests;
import network.hermes.hub.watcher.WatcherStore;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the hub: database (embedded unless a URL is given), migrations, chain view,
 * batcher, HTTP server. {@link #close()} is the graceful shutdown: stop accepting, let in-flight
 * requests finish, close the pool.
 */
public final class HubApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubApplication.class);

  /** A fixed development key: the operator of the offline dev chain only, never for real funds. */
  static final String DEV_OPERATOR_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80";

  private final HubConfig config;
  private EmbeddedDatabase embedded;
  private Vertx vertx;
  private Pool pool;
  private PgChainView chainView;
  private String deploymentId;
  private int port;
  private String host;
  private HubPolicy policy;
  private HubMetrics metrics;
  private volatile boolean stopping;
  private LocalChain localChain;
  private ChainClient ownedClient;
  private final String instanceId =
      ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  private LeaseKeeper lease;
  private ChainWatcher watcher;
  private LeasedWorker watcherWorker;
  private LeasedWorker settlerWorker;
  private LeasedWorker relayWorker;
  private GasPriceCache gasPrices;

  private HubApplication(HubConfig config) {
    this.config = config;
  }

  /** Starts everything; blocks the calling (non-Vert.x) thread until the server listens. */
  public static HubApplication start(HubConfig config, Clock clock) throws Exception {
    HubApplication app = new HubApplication(config);
    try {
      app.doStart(clock);
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
    return app;
  }

  private void doStart(Clock clock) throws Exception {
    LOG.info("configuration:\n{}", config.describe());
    Secp256k1 secp = Secp256k1s.getDefault();
    LOG.info("secp256k1 implementation: {}", secp.name());

    // database
    Migrations.DbUrl dbUrl;
    if (config.isSet("db.url")) {
      dbUrl = Migrations.DbUrl.parse(config.get("db.url"), dbPassword());
    } else {
      Path dir = Path.of(config.get("db.embedded-dir")).toAbsolutePath();
      Map<String, String> settings = new java.util.LinkedHashMap<>();
      for (String kv : config.get("db.embedded-settings").split(",")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          settings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
      }
      embedded = EmbeddedDatabase.start(dir, config.getInt("db.embedded-port"), settings);
      dbUrl = Migrations.DbUrl.parse(embedded.url(), null);
      LOG.info("embedded PostgreSQL on port {} with data in {}", embedded.port(), dir);
    }
    var migrated = Migrations.apply(dbUrl);
    LOG.info(
        "database {} at schema version {} ({} migrations applied now)",
        dbUrl,
        migrated.schemaVersion(),
        migrated.applied());

    // chain: where facts come from, which hermes we are, and the operator key
    host = config.get("http.host");
    port = config.getInt("http.port");
    if (port == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    String mode = chainMode();
    HubDeployment deployment;
    PrivateKey operatorKey;
    ChainClient client = null;
    Deployment contracts = null;
    if (mode.equals("devnet")) {
      LOG.info("no RPC URL: starting a local devnet and deploying the contracts");
      localChain = LocalChain.start("http://" + host + ":" + port + "/api/v2");
      contracts = localChain.deployment();
      deployment = HubDeployment.of(contracts);
      operatorKey = localChain.operatorKey();
      ownedClient = Web3jChainClient.connect(localChain.rpcUrl(), contracts, feePolicy(contracts));
      client = ownedClient;
      TokenAmount float_ = TokenAmount.of(config.getAmount("devnet.hub-float"));
      if (!float_.isZero()) {
        // the hub contract pays providers from its available balance: give the devnet hub a float
        localChain.mint(contracts.hermesId(), float_);
      }
      Path out = Path.of(".hermes", "devnet-deployment.json");
      Files.createDirectories(out.getParent());
      contracts.write(out);
      LOG.info(
          "devnet {} (chain {}), deployment written to {}, hub float {} wei",
          localChain.rpcUrl(),
          deployment.chainId(),
          out.toAbsolutePath(),
          float_);
    } else if (mode.equals("rpc")) {
      if (!config.isSet("chain.deployment")) {
        throw new IllegalArgumentException(
            "with an RPC URL the hub needs a deployment JSON (chain.deployment)");
      }
      contracts = Deployment.read(Path.of(config.get("chain.deployment")));
      deployment = HubDeployment.of(contracts);
      operatorKey = operatorKey();
      ownedClient =
          Web3jChainClient.connect(config.get("chain.rpc-url"), contracts, feePolicy(contracts));
      client = ownedClient;
    } else {
      deployment = deployment();
      operatorKey = operatorKey();
    }
    OperatorKey operator = new OperatorKey(operatorKey, secp);
    Set<Long> chains = chainIds(deployment);
    HubChannelMath channels =
        new HubChannelMath(
            Address.fromHex(deployment.hermesId()),
            Address.fromHex(deployment.registry()),
            Address.fromHex(deployment.channelImplementation()));
    if (deployment.operator() != null
        && !Address.fromHex(deployment.operator()).equals(operator.address())) {
      throw new IllegalStateException(
          "the operator key is "
              + operator.address()
              + " but the deployment names "
              + deployment.operator());
    }
    boolean watching = client != null && config.getBoolean("watcher.enabled");
    boolean guard =
        switch (config.get("policy.solvency-guard").trim()) {
          case "auto" -> watching;
          case "on" -> true;
          case "off" -> false;
          default ->
              throw new IllegalArgumentException("policy.solvency-guard must be auto, on or off");
        };
    policy =
        new HubPolicy(
            Address.fromHex(deployment.hermesId()),
            operator.address(),
            chains,
            TokenAmount.of(config.getAmount("policy.max-transactor-fee")),
            config.isSet("policy.zero-stake-cap")
                ? TokenAmount.of(config.getAmount("policy.zero-stake-cap"))
                : null,
            config.getBoolean("policy.pay-and-settle"),
            guard);
    Duration maxFactsAge =
        config.isSet("policy.max-facts-age-seconds")
            ? Duration.ofSeconds(config.getLong("policy.max-facts-age-seconds"))
            : null;
    Decisions decisions = new Decisions(policy, channels, clock, maxFactsAge);
    LOG.info(
        "hermes {} operator {} chains {} solvency guard {}",
        policy.hermesId(),
        operator.address(),
        chains,
        guard ? "on" : "off");

    // vert.x, pool, chain view, batcher
    metrics = new HubMetrics();
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        // the database pool only: requests are counted by HubMetrics, once
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                            .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
                            .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
                            .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
                            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                            .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
                            .addDisabledMetricsCategory(MetricsDomain.VERTICLES)))
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(dbUrl.host())
            .setPort(dbUrl.port())
            .setDatabase(dbUrl.database())
            .setUser(dbUrl.user())
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
                    "lock_timeout", Integer.toString(config.getInt("db.lock-timeout-ms")),
                    // a stuck statement or transaction must fail the requests, not hang them
                    "statement_timeout", "15000",
                    "idle_in_transaction_session_timeout", "30000"));
    if (dbUrl.password() != null) {
      connect.setPassword(dbUrl.password());
    }
    pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(config.getInt("db.pool-size")).setName("hermes-hub"))
            .connectingTo(connect)
            .using(vertx)
            .build();
    String sync =
        await(
            pool.query("SHOW synchronous_commit")
                .execute()
                .map(r -> r.iterator().next().getString(0)));
    if (!"on".equals(sync) && !"remote_apply".equals(sync) && !"remote_write".equals(sync)) {
      throw new IllegalStateException("synchronous_commit is " + sync + "; the hub needs it on");
    }

    ChainFactsWriter facts = new ChainFactsWriter(pool);
    if (guard) {
      for (long chain : chains) {
        await(
            pool.preparedQuery(
                    "INSERT INTO hub_ledger (chain_id, promised) SELECT $1, COALESCE(SUM(amount), 0)"
                        + " FROM provider_state WHERE chain_id = $1 ON CONFLICT (chain_id) DO"
                        + " NOTHING")
                .execute(io.vertx.sqlclient.Tuple.of(chain)));
      }
    }
    if (client == null && deployment == HubDeployment.OFFLINE_DEV) {
      seedOfflineDevHermes(facts, chains);
    }
    chainView = new PgChainView(pool, clock, policy.hermesId().toHex());
    await(chainView.start(vertx, config.getLong("chain.view-refresh-ms")));
    metrics.chainViewAge(chainView::asOf, clock);

    ChainWatch watch = ChainWatch.NONE;
    SettlementWake.Trigger settleTrigger = SettlementWake.Trigger.NONE;
    RelayService relay = null;
    if (watching) {
      watch = new WatchRequests(pool, chains);
      relay = startChainDuties(client, contracts, operatorKey, clock);
      LeasedWorker settler = settlerWorker;
      settleTrigger =
          SettlementWake.of(
              pool,
              () -> {
                if (settler != null) {
                  settler.wake();
                }
              });
      awaitChainFacts(chains, Duration.ofSeconds(60));
    }
    long mainChain = chains.iterator().next();
    metrics.hubBalance(
        () -> chainView.hermes(mainChain).availableBalance().toBigInteger(),
        config.getAmount("settlement.low-balance"));

    PgStateStore store = new PgStateStore(pool);
    boolean batching = config.getBoolean("batch.enabled");
    TxBatcher batcher =
        new TxBatcher(
            vertx,
            store,
            batching ? config.getInt("batch.max-size") : 1,
            batching ? config.getInt("batch.max-in-flight") : config.getInt("db.pool-size"),
            config.getInt("batch.max-queue"),
            metrics::batch);
    metrics.gauge("hermes_tx_queue", "Operations waiting for a transaction", batcher::queued);
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

    HttpServerOptions http = new HttpServerOptions().setHost(host).setPort(port);
    long maxBody = config.getLong("http.max-body-bytes");
    Duration grace = Duration.ofSeconds(config.getLong("shutdown.grace-seconds"));
    deploymentId =
        await(
            vertx.deployVerticle(
                () -> new HttpVerticle(api, http, maxBody, this::ready, metrics::scrape, grace),
                new DeploymentOptions().setInstances(config.getInt("http.instances"))));
    LOG.info("Hermes hub API at {}", baseUrl());
  }

  /**
   * The hub's duties on the chain, run by whichever instance holds the lease: the chain watcher,
   * the consumer settler and the relay worker (one lease, so that the hub's keys are used from one
   * process at a time). Returns the relay's front, served by every instance.
   */
  private RelayService startChainDuties(
      ChainClient client, Deployment contracts, PrivateKey operatorKey, Clock clock)
      throws Exception {
    long chainId = contracts.chainId().value();
    String hermesId = policy.hermesId().toHex();
    PgLease leaseRow =
        new PgLease(
            pool,
            "chain-duties/" + chainId,
            instanceId,
            Duration.ofMillis(config.getLong("lease.ttl-ms")));
    lease =
        new LeaseKeeper(
            leaseRow.name(), leaseRow, Duration.ofMillis(config.getLong("lease.ttl-ms")));

    ChainWatcher.Settings settings =
        new ChainWatcher.Settings(
            confirmations(chainId),
            config.getInt("watcher.reorg-depth"),
            config.getInt("watcher.max-range"),
            TokenAmount.of(config.getAmount("settlement.low-balance")));
    watcher =
        new ChainWatcher(
            new RpcBlockSource(client),
            new WatcherStore(pool, chainId, hermesId, leaseRow),
            contracts,
            settings,
            new ChainWatcher.Listener() {
              @Override
              public void committed(long block, HermesState hermes, int exits) {
                metrics.watcherBlock(block);
                if (exits > 0 && settlerWorker != null) {
                  // an exiting consumer's promises must be settled before its exit delay ends
                  settlerWorker.wake();
                }
              }

              @Override
              public void reorganised(long forkPoint, long depth) {
                metrics.reorganisation();
              }

              @Override
              public void punished(long activationTime) {
                metrics.punishment();
              }
            });
    watcherWorker =
        new LeasedWorker(
            "chain-watcher",
            lease,
            Duration.ofMillis(config.getLong("watcher.poll-interval-ms")),
            watcher::round,
            watcher::resume);

    if (config.getBoolean("settlement.enabled")) {
      SettlementRules rules =
          new SettlementRules(
              TokenAmount.of(config.getAmount("settlement.threshold")),
              Duration.ofSeconds(config.getLong("settlement.max-age-seconds")),
              config.getInt("settlement.batch-size"),
              Duration.ofSeconds(config.getLong("settlement.retry-base-seconds")),
              Duration.ofSeconds(config.getLong("settlement.retry-max-seconds")));
      ConsumerSettler settler =
          new ConsumerSettler(
              new SettlementStore(pool, chainId, hermesId, leaseRow),
              client.writer(operatorKey),
              contracts.chainId(),
              rules,
              clock,
              (settled, failed, collected, txFailed) ->
                  metrics.settlementBatch(settled, failed, collected.toBigInteger(), txFailed));
      settlerWorker =
          new LeasedWorker(
              "consumer-settler",
              lease,
              Duration.ofMillis(config.getLong("settlement.interval-ms")),
              settler::round,
              null);
    }

    RelayService relay = null;
    if (config.getBoolean("relay.enabled")) {
      PrivateKey relayKey = relayKey(operatorKey);
      RelayStore relayStore = new RelayStore(pool, leaseRow);
      gasPrices = new GasPriceCache(client).start(Duration.ofSeconds(5));
      RelayWorker worker =
          new RelayWorker(
              relayStore,
              client,
              chainView,
              client.writer(relayKey),
              chainId,
              new RelayWorker.Settings(
                  config.getInt("relay.max-attempts"),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(config.getLong("relay.funding-wait-seconds"))),
              clock,
              (kind, state) ->
                  metrics.relayJob(kind.name().toLowerCase(java.util.Locale.ROOT), state));
      relayWorker =
          new LeasedWorker(
              "relay-worker",
              lease,
              Duration.ofMillis(config.getLong("relay.interval-ms")),
              worker::round,
              worker::resume);
      FeeQuoter quoter =
          new FeeQuoter(
              Map.of(
                  FeeKind.REGISTER, config.getLong("relay.gas-register"),
                  FeeKind.SETTLE, config.getLong("relay.gas-settle"),
                  FeeKind.STAKE_DECREASE, config.getLong("relay.gas-stake-decrease")),
              new java.math.BigDecimal(config.get("relay.myst-per-native").trim()),
              config.getInt("relay.fee-margin-percent"),
              Duration.ofSeconds(config.getLong("relay.quote-validity-seconds")));
      LeasedWorker relayLoop = relayWorker;
      relay =
          new RelayService(
              chainId,
              quoter,
              gasPrices::current,
              new RelayChecks(
                  chainId,
                  contracts.registry(),
                  contracts.hermesId(),
                  policy.operator(),
                  Secp256k1s.getDefault(),
                  chainView),
              relayStore,
              new WatchRequests(pool, Set.of(chainId)),
              clock,
              relayLoop::wake);
      LOG.info("relay (transactor) key {}", Secp256k1s.getDefault().addressOf(relayKey));
    }
    lease.start();
    watcherWorker.start();
    if (settlerWorker != null) {
      settlerWorker.start();
    }
    if (relayWorker != null) {
      relayWorker.start();
    }
    LOG.info("chain duties lease {} contended as {}", leaseRow.name(), instanceId);
    return relay;
  }

  /** Blocks confirmed before the watcher applies them: the setting, or one that suits the chain. */
  private int confirmations(long chainId) {
    if (config.isSet("watcher.confirmations")) {
      return config.getInt("watcher.confirmations");
    }
    if (chainId == 31337 || chainId == 1337) {
      return 0; // a local devnet mines a block per transaction and never reorganises by itself
    }
    return chainId == 137 || chainId == 80002 ? 32 : 12;
  }

  /** The chain's fee policy with the configured floor, cap and replacement delay, if any. */
  private FeePolicy feePolicy(Deployment d) {
    FeePolicy defaults = FeePolicy.forChain(d.chainId().value());
    return new FeePolicy(
        config.isSet("tx.min-priority-fee-wei")
            ? config.getAmount("tx.min-priority-fee-wei")
            : defaults.minPriorityFee(),
        config.isSet("tx.max-fee-wei") ? config.getAmount("tx.max-fee-wei") : defaults.maxFeeCap(),
        config.isSet("tx.replace-after-seconds")
            ? Duration.ofSeconds(config.getLong("tx.replace-after-seconds"))
            : defaults.replaceAfter(),
        defaults.receiptTimeout(),
        defaults.pollInterval());
  }

  /** Waits (bounded) until the chain view knows the hub contract, so that /readyz can pass. */
  private void awaitChainFacts(Set<Long> chains, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      await(chainView.refresh());
      if (chains.stream().allMatch(c -> chainView.hermes(c).known())) {
        return;
      }
      Thread.sleep(100);
    }
    LOG.warn(
        "no chain facts after {}; the hub is not ready until the watcher writes them", timeout);
  }

  private Future<Void> ready() {
    if (stopping) {
      return Future.failedFuture("shutting down");
    }
    for (long chain : policy.chainIds()) {
      if (!chainView.hermes(chain).known()) {
        return Future.failedFuture(
            "no chain facts for hermes " + policy.hermesId() + " on chain " + chain);
      }
    }
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  private void seedOfflineDevHermes(ChainFactsWriter facts, Set<Long> chains) throws Exception {
    BigInteger myst = BigInteger.TEN.pow(18);
    for (long chain : chains) {
      await(
          facts.hermes(
              chain,
              policy.hermesId().toHex(),
              new ChainFacts.Hermes(
                  0,
                  2000,
                  TokenAmount.ZERO,
                  TokenAmount.of(myst.multiply(BigInteger.valueOf(100))),
                  TokenAmount.of(myst.multiply(BigInteger.valueOf(1000))))));
    }
  }

  /** auto: rpc with an RPC URL, else offline with a given deployment, else a local devnet. */
  private String chainMode() {
    String mode = config.get("chain.mode").trim();
    if (!mode.equals("auto")) {
      if (!mode.equals("devnet") && !mode.equals("rpc") && !mode.equals("offline")) {
        throw new IllegalArgumentException("chain.mode must be auto, devnet, rpc or offline");
      }
      return mode;
    }
    if (config.isSet("chain.rpc-url")) {
      return "rpc";
    }
    if (config.isSet("chain.deployment") || config.isSet("chain.hermes-id")) {
      return "offline";
    }
    return "devnet";
  }

  private HubDeployment deployment() throws IOException {
    HubDeployment d;
    if (config.isSet("chain.deployment")) {
      d = HubDeployment.read(Path.of(config.get("chain.deployment")));
    } else if (config.isSet("chain.hermes-id")) {
      d =
          new HubDeployment(
              0,
              config.get("chain.hermes-id").toLowerCase(),
              config.get("chain.registry").toLowerCase(),
              config.get("chain.channel-implementation").toLowerCase(),
              null);
    } else {
      if (config.isSet("chain.rpc-url")) {
        throw new IllegalArgumentException(
            "with an RPC URL the hub needs a deployment JSON (chain.deployment)");
      }
      LOG.warn(
          "no RPC URL and no deployment: running on the OFFLINE development chain (facts seeded by hand)");
      d = HubDeployment.OFFLINE_DEV;
    }
    return d;
  }

  private Set<Long> chainIds(HubDeployment d) {
    Set<Long> out = new LinkedHashSet<>();
    if (config.isSet("chain.ids")) {
      Arrays.stream(config.get("chain.ids").split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(s -> out.add(Long.parseLong(s)));
    } else if (d.chainId() > 0) {
      out.add(d.chainId());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no chain id: set chain.ids");
    }
    return out;
  }

  private PrivateKey operatorKey() throws Exception {
    if (config.isSet("operator.keystore")) {
      String password;
      if (config.isSet("operator.password-file")) {
        password = secretFile("operator.password-file");
      } else {
        password = System.getenv(config.get("operator.password-env"));
        if (password == null) {
          throw new IllegalArgumentException(
              "the operator keystore needs a password: operator.password-file or the variable "
                  + config.get("operator.password-env"));
        }
      }
      return keystore(config.get("operator.keystore"), password);
    }
    if (config.isSet("chain.rpc-url") && !config.isSet("operator.dev-key")) {
      throw new IllegalArgumentException("with an RPC URL the hub needs operator.keystore");
    }
    String hex =
        config.isSet("operator.dev-key") ? config.get("operator.dev-key") : DEV_OPERATOR_KEY;
    LOG.warn("using a development operator key; never do this with real funds");
    return PrivateKey.fromHex(hex);
  }

  /** The relay's sending key: its own keystore or dev key, else the operator's. */
  private PrivateKey relayKey(PrivateKey operatorKey) throws Exception {
    if (config.isSet("relay.keystore")) {
      if (!config.isSet("relay.password-file")) {
        throw new IllegalArgumentException("relay.keystore needs relay.password-file");
      }
      return keystore(config.get("relay.keystore"), secretFile("relay.password-file"));
    }
    if (config.isSet("relay.dev-key")) {
      LOG.warn("using a development relay key; never do this with real funds");
      return PrivateKey.fromHex(config.get("relay.dev-key"));
    }
    return operatorKey;
  }

  private static PrivateKey keystore(String file, String password) throws Exception {
    return Keystore.read(Path.of(file), password);
  }

  private String dbPassword() throws IOException {
    if (config.isSet("db.password-file")) {
      return secretFile("db.password-file");
    }
    return config.isSet("db.password") ? config.get("db.password") : null;
  }

  /** The secret in the file a setting names, without surrounding whitespace. */
  private String secretFile(String key) throws IOException {
    return Files.readString(Path.of(config.get(key)), StandardCharsets.UTF_8).strip();
  }

  public String baseUrl() {
    return "http://" + host + ":" + port + "/api/v2";
  }

  public int port() {
    return port;
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
    return watcher == null ? null : watcher.status();
  }

  /** Rounds of the chain watcher this instance ran (0 while another instance holds the lease). */
  public long watcherRounds() {
    return watcherWorker == null ? 0 : watcherWorker.rounds();
  }

  /** Whether this instance holds the chain-duties lease. */
  public boolean leaseHeld() {
    return lease != null && lease.held();
  }

  /** Asks the consumer settler for a round now (no effect on an instance without the lease). */
  public void wakeSettler() {
    if (settlerWorker != null) {
      settlerWorker.wake();
    }
  }

  @Override
  public void close() {
    if (stopping && vertx == null) {
      return;
    }
    stopping = true;
    Duration grace = Duration.ofSeconds(config.getLong("shutdown.grace-seconds"));
    try {
      if (vertx != null) {
        if (deploymentId != null) {
          // HttpVerticle.stop shuts its server down gracefully: no new connections, requests in
          // flight finish within the grace period
          awaitQuietly(vertx.undeploy(deploymentId), grace.plusSeconds(5));
        }
        for (LeasedWorker w : java.util.Arrays.asList(relayWorker, settlerWorker, watcherWorker)) {
          if (w != null) {
            w.close();
          }
        }
        if (lease != null) {
          lease.close();
        }
        if (gasPrices != null) {
          gasPrices.close();
        }
        if (chainView != null) {
          chainView.stop(vertx);
        }
        if (pool != null) {
          awaitQuietly(pool.close(), Duration.ofSeconds(5));
        }
        awaitQuietly(vertx.close(), Duration.ofSeconds(5));
        vertx = null;
      }
    } finally {
      closeChain();
      if (embedded != null) {
        try {
          embedded.close();
        } catch (IOException e) {
          LOG.warn("stopping embedded PostgreSQL: {}", e.toString());
        }
        embedded = null;
      }
    }
    LOG.info("hub stopped");
  }

  private void closeChain() {
    try {
      if (ownedClient != null) {
        ownedClient.close();
        ownedClient = null;
      }
      if (localChain != null) {
        localChain.close();
        localChain = null;
      }
    } catch (Exception e) {
      LOG.warn("closing the chain client: {}", e.toString());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static void awaitQuietly(Future<?> f, Duration d) {
    try {
      f.toCompletionStage().toCompletableFuture().get(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("shutdown step did not finish cleanly: {}", e.toString());
    }
  }
}
