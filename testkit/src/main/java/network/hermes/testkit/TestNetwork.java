package network.hermes.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.deploy.DeploymentPlan;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;

/**
 * A whole Hermes network for integration tests, on loopback: a devnet (anvil) with the contracts
 * deployed and the Hermes contract given a float, a real PostgreSQL, and real hub processes that
 * follow the devnet in RPC mode with fast polling. Development keys: 0 deployed the contracts, 1 is
 * the hub operator, 9 is the relay's sender; 2 to 8 are free for tests. {@link #close()} stops
 * every process and deletes the folder.
 */
public final class TestNetwork implements AutoCloseable {
  /** The development key the hubs' relay sends with. */
  public static final int RELAY_KEY = 9;

  private final Path dir;
  private final LocalChain chain;
  private final Path deploymentFile;
  private final PgServer database;
  private final Map<String, String> hubSettings;
  private final List<HubProcess> hubs = new ArrayList<>();

  private TestNetwork(
      Path dir,
      LocalChain chain,
      Path deploymentFile,
      PgServer database,
      Map<String, String> hubSettings) {
    this.dir = dir;
    this.chain = chain;
    this.deploymentFile = deploymentFile;
    this.database = database;
    this.hubSettings = hubSettings;
  }

  /**
   * A network with one hub and a float of 1,000 MYST.
   *
   * @return the running network
   * @throws IOException if a piece does not start
   */
  public static TestNetwork start() throws IOException {
    return builder().start();
  }

  /**
   * A builder to choose the float, the number of hubs and their settings.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a {@link TestNetwork}. */
  public static final class Builder {
    private TokenAmount hubFloat = DeploymentPlan.myst(1000);
    private int hubs = 1;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * MYST minted to the Hermes contract, from which it pays providers.
     *
     * @param amount the float, zero for none
     * @return this builder
     */
    public Builder hubFloat(TokenAmount amount) {
      this.hubFloat = amount;
      return this;
    }

    /**
     * How many hub instances to start on the shared database (0 to start them later).
     *
     * @param count the number of hubs
     * @return this builder
     */
    public Builder hubs(int count) {
      this.hubs = count;
      return this;
    }

    /**
     * A hub setting for every hub of the network (overrides the test defaults).
     *
     * @param key the setting, as in docs/hub.md
     * @param value its value
     * @return this builder
     */
    public Builder hubSetting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    /**
     * Starts the network.
     *
     * @return the running network
     * @throws IOException if a piece does not start
     */
    public TestNetwork start() throws IOException {
      Path dir = Files.createTempDirectory("hermes-testnet");
      LocalChain chain = null;
      PgServer db = null;
      try {
        chain = LocalChain.start("http://127.0.0.1:1/api/v2");
        if (!hubFloat.isZero()) {
          chain.mint(chain.deployment().hermesId(), hubFloat);
        }
        Path deploymentFile = dir.resolve("deployment.json");
        chain.deployment().write(deploymentFile);
        db = PgServer.start(dir.resolve("pg"));
        Map<String, String> s = defaults(chain, deploymentFile, db);
        s.putAll(settings);
        TestNetwork network = new TestNetwork(dir, chain, deploymentFile, db, s);
        for (int i = 0; i < hubs; i++) {
          network.startHub(Map.of());
        }
        return network;
      } catch (IOException | RuntimeException | Error e) {
        if (db != null) {
          db.close();
        }
        if (chain != null) {
          chain.close();
        }
        deleteTree(dir);
        throw e;
      }
    }
  }

  private static Map<String, String> defaults(LocalChain chain, Path deployment, PgServer db) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("db.url", db.url());
    s.put("db.pool-size", "6");
    s.put("chain.mode", "rpc");
    s.put("chain.rpc-url", chain.rpcUrl());
    s.put("chain.deployment", deployment.toString());
    s.put("operator.dev-key", Hex.encode(chain.operatorKey().toBytes()));
    s.put("relay.dev-key", Hex.encode(chain.account(RELAY_KEY).toBytes()));
    s.put("http.instances", "1");
    s.put("chain.view-refresh-ms", "100");
    s.put("watcher.poll-interval-ms", "200");
    s.put("watcher.confirmations", "0");
    s.put("settlement.interval-ms", "300");
    s.put("settlement.retry-base-seconds", "1");
    s.put("settlement.retry-max-seconds", "2");
    s.put("relay.interval-ms", "200");
    s.put("lease.ttl-ms", "3000");
    s.put("shutdown.grace-seconds", "2");
    return s;
  }

  /**
   * Starts one more hub on the shared database and chain.
   *
   * @param overrides settings for this hub only
   * @return the ready hub
   * @throws IOException if it cannot be started
   */
  public HubProcess startHub(Map<String, String> overrides) throws IOException {
    Map<String, String> s = new LinkedHashMap<>(hubSettings);
    s.putAll(overrides);
    int n = hubs.size();
    HubProcess hub = HubProcess.start(s, dir.resolve("hub-" + n), dir.resolve("hub-" + n + ".log"));
    hubs.add(hub);
    return hub;
  }

  /**
   * Replaces a stopped hub by a restarted one with the same settings and port.
   *
   * @param hub a hub of this network that was terminated or killed
   * @return the restarted hub
   * @throws IOException if it cannot be started
   */
  public HubProcess restartHub(HubProcess hub) throws IOException {
    int index = hubs.indexOf(hub);
    if (index < 0) {
      throw new IllegalArgumentException("not a hub of this network");
    }
    HubProcess again = hub.restart();
    hubs.set(index, again);
    return again;
  }

  /**
   * The first hub.
   *
   * @return the hub
   */
  public HubProcess hub() {
    if (hubs.isEmpty()) {
      throw new IllegalStateException("no hub started");
    }
    return hubs.get(0);
  }

  /**
   * Every hub, in start order.
   *
   * @return the hubs
   */
  public List<HubProcess> hubs() {
    return List.copyOf(hubs);
  }

  /**
   * The devnet with the deployment.
   *
   * @return the chain
   */
  public LocalChain chain() {
    return chain;
  }

  /**
   * The deployed contracts.
   *
   * @return the deployment
   */
  public Deployment deployment() {
    return chain.deployment();
  }

  /**
   * The deployment JSON file the hubs read.
   *
   * @return the file
   */
  public Path deploymentFile() {
    return deploymentFile;
  }

  /**
   * The devnet's JSON-RPC URL.
   *
   * @return the URL
   */
  public String rpcUrl() {
    return chain.rpcUrl();
  }

  /**
   * The hubs' database.
   *
   * @return the server
   */
  public PgServer database() {
    return database;
  }

  /**
   * This network's temporary folder, for files of the test.
   *
   * @return the folder
   */
  public Path dir() {
    return dir;
  }

  /**
   * A funded development key free for tests.
   *
   * @param index 2 to 8
   * @return the key
   */
  public PrivateKey devKey(int index) {
    if (index < 2 || index >= RELAY_KEY) {
      throw new IllegalArgumentException("development keys 2 to 8 are free for tests");
    }
    return chain.account(index);
  }

  /**
   * The address of a key.
   *
   * @param key the key
   * @return its address
   */
  public static Address addressOf(PrivateKey key) {
    return Secp256k1s.getDefault().addressOf(key);
  }

  /**
   * Mints MYST to an address (the devnet's token lets the deployer mint).
   *
   * @param to the receiver
   * @param amount how much
   */
  public void mint(Address to, TokenAmount amount) {
    chain.mint(to, amount);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (HubProcess hub : hubs) {
      try {
        hub.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    try {
      database.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    chain.close();
    deleteTree(dir);
    if (failure != null) {
      throw failure;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
