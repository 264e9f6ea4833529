package network.hermes.chaintests.support;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import network.hermes.chaintests.reconcile.DeploymentReconciler;
import network.hermes.chaintests.reconcile.Reconciliation;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;
import network.hermes.testkit.HubProcess;
import network.hermes.testkit.PgServer;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;

/**
 * A whole network for the chain-tests: testkit's devnet, PostgreSQL and hub processes, with the
 * first hub reaching the chain through an {@link RpcProxy} that faults can cut. Consumers and
 * providers are made here (funded, registered, seen by the hub); their keys come from labels, so a
 * run can be retraced.
 */
public final class World implements AutoCloseable {
  /** The float minted to the hub contract, from which providers are paid. */
  public static final TokenAmount FLOAT = myst(1000);

  /** How long the hub may take to see something on chain. */
  public static final Duration CHAIN_LAG = Duration.ofSeconds(60);

  private final TestNetwork net;
  private final RpcProxy rpcProxy;
  private final Chain chain;
  private final HubDatabase db;
  private final Map<HubProcess, HubClient> clients = new LinkedHashMap<>();
  private final Set<String> labels = new LinkedHashSet<>();
  private final Set<Address> identities = new LinkedHashSet<>();
  private HubProcess hub;

  private World(TestNetwork net, RpcProxy rpcProxy, HubProcess hub) {
    this.net = net;
    this.rpcProxy = rpcProxy;
    this.hub = hub;
    this.chain = new Chain(net);
    this.db = new HubDatabase(net.database());
  }

  /**
   * Starts a network with one hub behind the RPC proxy.
   *
   * @param hubSettings settings for every hub, on top of testkit's
   */
  public static World start(Map<String, String> hubSettings) throws IOException {
    return start(hubSettings, 0);
  }

  /**
   * Starts a network whose hub waits for confirmations: {@code blocks} empty blocks are mined
   * first, so that the deployment is confirmed when the hub starts.
   */
  public static World start(Map<String, String> hubSettings, int blocks) throws IOException {
    TestNetwork.Builder builder = TestNetwork.builder().hubs(0).hubFloat(FLOAT);
    hubSettings.forEach(builder::hubSetting);
    TestNetwork net = builder.start();
    RpcProxy proxy = null;
    try {
      for (int i = 0; i < blocks; i++) {
        net.chain().devnet().rpc("evm_mine");
      }
      proxy = RpcProxy.start(net.rpcUrl());
      HubProcess first = net.startHub(Map.of("chain.rpc-url", proxy.url()));
      return new World(net, proxy, first);
    } catch (IOException | RuntimeException e) {
      if (proxy != null) {
        proxy.close();
      }
      net.close();
      throw e;
    }
  }

  public Deployment deployment() {
    return net.deployment();
  }

  /** The deployment JSON file the hubs read (and nodes and tools are given). */
  public Path deploymentFile() {
    return net.deploymentFile();
  }

  /** The devnet's JSON-RPC URL, not through the {@link RpcProxy}. */
  public String rpcUrl() {
    return net.rpcUrl();
  }

  public Chain chain() {
    return chain;
  }

  public HubDatabase db() {
    return db;
  }

  public PgServer database() {
    return net.database();
  }

  public RpcProxy rpcProxy() {
    return rpcProxy;
  }

  /** The first hub (its port survives restarts). */
  public HubProcess hubProcess() {
    return hub;
  }

  /** A client of the first hub. */
  public HubClient hub() {
    return clientOf(hub);
  }

  /** A client of a hub of this network. */
  public synchronized HubClient clientOf(HubProcess process) {
    return clients.computeIfAbsent(process, p -> HubClient.connect(p.apiUrl()));
  }

  /**
   * Restarts the first hub after it was killed or terminated; same settings and port, so clients of
   * the old process (nodes retrying) reach the new one.
   */
  public HubProcess restartHub() throws IOException {
    hub = net.restartHub(hub);
    return hub;
  }

  /** Another hub on the same database and chain (directly on the chain, not through the proxy). */
  public HubProcess startHub() throws IOException {
    return net.startHub(Map.of());
  }

  /** A deterministic key for a label; each label once per world. */
  public synchronized PrivateKey key(String label) {
    if (!labels.add(label)) {
      throw new IllegalArgumentException("label used twice: " + label);
    }
    return PrivateKey.of(
        Keccak.hash(("chain-tests " + label).getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  /** A fresh address nobody holds a key of (a beneficiary). */
  public Address address(String label) {
    return Secp256k1s.getDefault().addressOf(key(label));
  }

  /** A consumer with {@code balance} in its channel, registered, and seen so by the hub. */
  public ConsumerNode consumer(String label, TokenAmount balance) {
    return consumers(label, 1, balance).getFirst();
  }

  /** {@code count} consumers, each with {@code balance}. */
  public List<ConsumerNode> consumers(String label, int count, TokenAmount balance) {
    List<ConsumerNode> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ConsumerNode c = new ConsumerNode(key(label + " consumer " + i), deployment());
      if (!balance.isZero()) {
        chain.mint(c.channel(), balance);
      }
      chain.register(c.key(), Address.ZERO);
      remember(c.identity());
      made.add(c);
    }
    for (ConsumerNode c : made) {
      awaitBalanceSeen(c, balance);
    }
    return made;
  }

  /** Waits until the hub reports {@code balance} as the consumer's spendable balance. */
  public void awaitBalanceSeen(ConsumerNode c, TokenAmount balance) {
    Waits.until(
        "the hub to see " + c + " with " + balance + " wei",
        CHAIN_LAG,
        () -> {
          ChannelData d = hub().consumerData(c.identity()).get(deployment().chainId());
          return d != null && d.balance().equals(balance) ? Optional.of(d) : Optional.empty();
        });
  }

  /** A registered provider, paid out to a fresh beneficiary. */
  public ProviderNode provider(String label) {
    return providers(label, 1).getFirst();
  }

  /** {@code count} registered providers. */
  public List<ProviderNode> providers(String label, int count) {
    List<ProviderNode> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ProviderNode p =
          new ProviderNode(
              key(label + " provider " + i),
              address(label + " provider " + i + " beneficiary"),
              deployment());
      chain.register(p.key(), p.beneficiary());
      remember(p.identity());
      made.add(p);
    }
    for (ProviderNode p : made) {
      // the hub's view of the registration, so that later snapshots see no watcher catching up
      Waits.until(
          "the hub to see " + p + " registered",
          CHAIN_LAG,
          () -> {
            try {
              return Optional.ofNullable(
                  hub().consumerData(p.identity()).get(deployment().chainId()));
            } catch (HubException e) {
              return Optional.empty();
            }
          });
    }
    return made;
  }

  /** An identity the reconciliation should check although the chain does not name it. */
  public synchronized void remember(Address identity) {
    identities.add(identity);
  }

  /** Reconciles now: every identity made here and every one the chain names. */
  public Reconciliation reconcile() throws HubException {
    List<Address> named;
    synchronized (this) {
      named = List.copyOf(identities);
    }
    try (HubClient client = HubClient.connect(hub.apiUrl())) {
      return new DeploymentReconciler(chain.client(), net.rpcUrl(), deployment(), client)
          .reconcile(named, true, OptionalLong.empty());
    }
  }

  /**
   * Reconciles until every invariant holds (the hub catching up with the chain), or fails with the
   * last report.
   */
  public Reconciliation awaitReconciled() {
    Reconciliation[] last = new Reconciliation[1];
    try {
      return Waits.until(
          "every invariant to hold",
          CHAIN_LAG,
          () -> {
            last[0] = reconcile();
            return last[0].holds() ? Optional.of(last[0]) : Optional.empty();
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "\n" + (last[0] == null ? "(no reconciliation)" : last[0].render(false)),
          e);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(HubClient::close);
    rpcProxy.close();
    keepLogs();
    net.close();
  }

  /** Copies the hubs' logs under target/hub-logs before the network's folder is deleted. */
  private void keepLogs() {
    Path into = Path.of("target", "hub-logs", Long.toString(ProcessHandle.current().pid()));
    try {
      Files.createDirectories(into);
      int i = 0;
      for (HubProcess h : net.hubs()) {
        if (Files.exists(h.log())) {
          Files.copy(
              h.log(), into.resolve("hub-" + i++ + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      System.err.println("could not keep the hub logs: " + e.getMessage());
    }
  }
}
