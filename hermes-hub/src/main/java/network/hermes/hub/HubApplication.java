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
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.hub.api.ApiContext;
import network.hermes.hub.api.HttpVerticle;
import network.hermes.hub.chain.ChainFactsWriter;
import network.hermes.hub.chain.ChainRefresher;
import network.hermes.hub.chain.ChainWatch;
import network.hermes.hub.chain.ContractsChainReader;
import network.hermes.hub.chain.PgChainView;
import network.hermes.hub.config.HubConfig;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.core.ChainFacts;
import network.hermes.hub.core.Decisions;
import network.hermes.hub.core.HubPolicy;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.HubChannelMath;
import network.hermes.hub.crypto.OperatorKey;
import network.hermes.hub.crypto.Secp;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.hub.store.EmbeddedDatabase;
import network.hermes.hub.store.Migrations;
import network.hermes.hub.store.PgStateStore;
import network.hermes.hub.store.TxBatcher;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

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
  private ChainRefresher refresher;

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
    Secp secp = Secp.get();
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
    LOG.info("database {} at schema version {}", dbUrl, migrated.targetSchemaVersion);

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
    OperatorKey operator;
    ChainClient client = null;
    if (mode.equals("devnet")) {
      LOG.info("no RPC URL: starting a local devnet and deploying the contracts");
      localChain = LocalChain.start("http://" + host + ":" + port + "/api/v2");
      deployment = HubDeployment.of(localChain.deployment());
      operator = new OperatorKey(localChain.operatorKey().toBytes(), secp);
      client = localChain.client();
      Path out = Path.of(".hermes", "devnet-deployment.json");
      Files.createDirectories(out.getParent());
      localChain.deployment().write(out);
      LOG.info(
          "devnet {} (chain {}), deployment written to {}",
          localChain.rpcUrl(),
          deployment.chainId(),
          out.toAbsolutePath());
    } else if (mode.equals("rpc")) {
      if (!config.isSet("chain.deployment")) {
        throw new IllegalArgumentException(
            "with an RPC URL the hub needs a deployment JSON (chain.deployment)");
      }
      Deployment d = Deployment.read(Path.of(config.get("chain.deployment")));
      deployment = HubDeployment.of(d);
      operator = operatorKey(secp);
      client = Web3jChainClient.connect(config.get("chain.rpc-url"), d);
      ownedClient = client;
    } else {
      deployment = deployment();
      operator = operatorKey(secp);
    }
    Set<Long> chains = chainIds(deployment);
    HubChannelMath channels =
        new HubChannelMath(
            deployment.hermesId(), deployment.registry(), deployment.channelImplementation());
    if (deployment.operator() != null && !deployment.operator().equals(operator.address())) {
      throw new IllegalStateException(
          "the operator key is "
              + operator.address()
              + " but the deployment names "
              + deployment.operator());
    }
    policy =
        new HubPolicy(
            deployment.hermesId(),
            operator.address(),
            chains,
            TokenAmount.of(config.getAmount("policy.max-transactor-fee")),
            config.isSet("policy.zero-stake-cap")
                ? TokenAmount.of(config.getAmount("policy.zero-stake-cap"))
                : null,
            config.getBoolean("policy.pay-and-settle"));
    Duration maxFactsAge =
        config.isSet("policy.max-facts-age-seconds")
            ? Duration.ofSeconds(config.getLong("policy.max-facts-age-seconds"))
            : null;
    Decisions decisions = new Decisions(policy, channels, clock, maxFactsAge);
    LOG.info("hermes {} operator {} chains {}", policy.hermesId(), operator.address(), chains);

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
    ChainWatch watch = ChainWatch.NONE;
    if (client != null) {
      refresher =
          new ChainRefresher(new ContractsChainReader(client), facts, pool, policy.hermesId());
      refresher.start(config.getLong("chain.refresh-interval-ms"));
      watch = refresher;
    } else if (deployment == HubDeployment.OFFLINE_DEV) {
      seedOfflineDevHermes(facts, chains);
    }
    chainView = new PgChainView(pool, clock, policy.hermesId());
    await(chainView.start(vertx, config.getLong("chain.view-refresh-ms")));
    metrics.chainViewAge(chainView::asOf, clock);

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
            decisions, channels, chainView, store, batcher, operator, secp, metrics, watch);

    HttpServerOptions http = new HttpServerOptions().setHost(host).setPort(port);
    long maxBody = config.getLong("http.max-body-bytes");
    deploymentId =
        await(
            vertx.deployVerticle(
                () -> new HttpVerticle(api, http, maxBody, this::ready, metrics::scrape),
                new DeploymentOptions().setInstances(config.getInt("http.instances"))));
    LOG.info("Hermes hub API at {}", baseUrl());
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
              policy.hermesId(),
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

  private OperatorKey operatorKey(Secp secp) throws Exception {
    if (config.isSet("operator.keystore")) {
      String password;
      if (config.isSet("operator.password-file")) {
        password =
            Files.readString(Path.of(config.get("operator.password-file")), StandardCharsets.UTF_8)
                .strip();
      } else {
        password = System.getenv(config.get("operator.password-env"));
        if (password == null) {
          throw new IllegalArgumentException(
              "the operator keystore needs a password: operator.password-file or the variable "
                  + config.get("operator.password-env"));
        }
      }
      Credentials c = WalletUtils.loadCredentials(password, config.get("operator.keystore"));
      return OperatorKey.of(c.getEcKeyPair().getPrivateKey(), secp);
    }
    if (config.isSet("chain.rpc-url") && !config.isSet("operator.dev-key")) {
      throw new IllegalArgumentException("with an RPC URL the hub needs operator.keystore");
    }
    String hex =
        config.isSet("operator.dev-key") ? config.get("operator.dev-key") : DEV_OPERATOR_KEY;
    LOG.warn("using a development operator key; never do this with real funds");
    return new OperatorKey(Hex.decode(hex), secp);
  }

  private String dbPassword() throws IOException {
    if (config.isSet("db.password-file")) {
      return Files.readString(Path.of(config.get("db.password-file")), StandardCharsets.UTF_8)
          .strip();
    }
    return config.isSet("db.password") ? config.get("db.password") : null;
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
          // HttpVerticle.stop shuts its server down gracefully: no new requests, in-flight ones
          // finish
          awaitQuietly(vertx.undeploy(deploymentId), grace.plusSeconds(5));
        }
        if (chainView != null) {
          chainView.stop(vertx);
        }
        if (refresher != null) {
          refresher.close();
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
