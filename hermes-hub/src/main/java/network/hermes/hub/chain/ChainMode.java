package network.hermes.hub.chain;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.config.HubSettings;
import network.hermes.hub.config.SigningKeys;
import network.hermes.hub.service.Service;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.HermesUrlUpdate;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the hub's chain comes from: a local devnet it starts itself, a JSON-RPC endpoint, or none
 * (offline, facts seeded by hand). Started as a service, a mode yields the deployment the hub
 * serves, its chain client (none offline) and the operator key.
 */
public sealed interface ChainMode extends Service
    permits ChainMode.Devnet, ChainMode.Rpc, ChainMode.Offline {
  Logger LOG = LoggerFactory.getLogger(ChainMode.class);

  /** The addresses the hub serves (after start). */
  HubDeployment deployment();

  /** The chain client, or empty when the hub follows no chain (after start). */
  Optional<ChainClient> client();

  /** The deployment of contracts the hub follows, or empty offline (after start). */
  Optional<Deployment> contracts();

  /** The key that signs the hub's promises (after start). */
  PrivateKey operatorKey();

  /**
   * The mode the settings ask for: {@code chain.mode}, or for {@code auto} rpc with an RPC URL,
   * offline with only a deployment or addresses, else a devnet.
   *
   * @param hubUrl the API base URL to register on a devnet
   */
  static ChainMode of(HubSettings s, String hubUrl) {
    HubSettings.Chain c = s.chain();
    String mode = c.mode();
    if (mode.equals("auto")) {
      mode =
          !c.rpcUrl().isBlank()
              ? "rpc"
              : c.deployment() != null || c.hermesId() != null ? "offline" : "devnet";
    }
    return switch (mode) {
      case "devnet" -> new Devnet(s, hubUrl);
      case "rpc" -> new Rpc(s);
      case "offline" -> new Offline(s);
      default ->
          throw new IllegalArgumentException("chain.mode must be auto, devnet, rpc or offline");
    };
  }

  /** The chains served: {@code chain.ids}, else the deployment's. */
  default List<ChainId> chainIds(HubSettings s) {
    if (!s.chain().ids().isEmpty()) {
      return s.chain().ids();
    }
    if (deployment().chainId() <= 0) {
      throw new IllegalArgumentException(
          "no chain id: set chain.ids (the addresses given by hand name no chain)");
    }
    return List.of(ChainId.of(deployment().chainId()));
  }

  /**
   * A local chain the hub starts: anvil with the contracts deployed, development accounts 2 and up
   * funded, the devnet's account 1 as the operator and a float minted to the hub contract.
   */
  final class Devnet implements ChainMode {
    private final HubSettings settings;
    private final String hubUrl;
    private LocalChain chain;
    private ChainClient client;

    Devnet(HubSettings settings, String hubUrl) {
      this.settings = settings;
      this.hubUrl = hubUrl;
    }

    @Override
    public String name() {
      return "devnet";
    }

    @Override
    public void start() throws Exception {
      LOG.info("no RPC URL: starting a local devnet and deploying the contracts");
      chain = LocalChain.start(hubUrl);
      Deployment d = chain.deployment();
      client = Web3jChainClient.connect(chain.rpcUrl(), d, settings.tx().feePolicy(d.chainId()));
      TokenAmount hubFloat = settings.devnet().hubFloat();
      if (!hubFloat.isZero()) {
        // the hub contract pays providers from its available balance: give the devnet hub a float
        chain.mint(d.hermesId(), hubFloat);
      }
      Path out = settings.devnet().deploymentOut();
      d.write(out);
      LOG.info(
          "devnet {} (chain {}), deployment written to {}, hub float {} wei",
          chain.rpcUrl(),
          d.chainId(),
          out.toAbsolutePath(),
          hubFloat);
    }

    /** The devnet's JSON-RPC URL. */
    public String rpcUrl() {
      return chain.rpcUrl();
    }

    /** Where the deployment JSON was written. */
    public Path deploymentFile() {
      return settings.devnet().deploymentOut().toAbsolutePath();
    }

    /**
     * Registers the URL the hub listens on, when it is not the one deployed with (a free port is
     * known only once the server listens).
     */
    public void announce(String apiUrl) {
      if (client.hermesUrl().equals(apiUrl)) {
        return;
      }
      Deployment d = chain.deployment();
      var update =
          new HermesUrlUpdate(
              d.registry(),
              d.hermesId(),
              apiUrl,
              java.math.BigInteger.valueOf(client.nextHermesUrlNonce()));
      client
          .writer(chain.operatorKey())
          .updateHermesUrl(
              apiUrl, update.sign(new KeySigner(chain.operatorKey(), Secp256k1s.getDefault())));
      LOG.info("devnet: the Registry names {} as the hub's URL", apiUrl);
    }

    @Override
    public HubDeployment deployment() {
      return HubDeployment.of(chain.deployment());
    }

    @Override
    public Optional<ChainClient> client() {
      return Optional.of(client);
    }

    @Override
    public Optional<Deployment> contracts() {
      return Optional.of(chain.deployment());
    }

    @Override
    public PrivateKey operatorKey() {
      return chain.operatorKey();
    }

    @Override
    public void stop() {
      if (client != null) {
        client.close();
      }
      if (chain != null) {
        chain.close();
      }
    }
  }

  /** A chain reached over JSON-RPC, with the deployment JSON and the operator's keystore. */
  final class Rpc implements ChainMode {
    private final HubSettings settings;
    private Deployment deployment;
    private ChainClient client;
    private PrivateKey operatorKey;

    Rpc(HubSettings settings) {
      this.settings = settings;
    }

    @Override
    public String name() {
      return "chain client";
    }

    @Override
    public void start() throws Exception {
      if (settings.chain().deployment() == null) {
        throw new IllegalArgumentException(
            "with an RPC URL the hub needs a deployment JSON (chain.deployment)");
      }
      if (settings.chain().rpcUrl().isBlank()) {
        throw new IllegalArgumentException("chain.mode=rpc needs chain.rpc-url");
      }
      deployment = Deployment.read(settings.chain().deployment());
      operatorKey = SigningKeys.operator(settings.operator(), false);
      client =
          Web3jChainClient.connect(
              settings.chain().rpcUrl(), deployment, settings.tx().feePolicy(deployment.chainId()));
    }

    @Override
    public HubDeployment deployment() {
      return HubDeployment.of(deployment);
    }

    @Override
    public Optional<ChainClient> client() {
      return Optional.of(client);
    }

    @Override
    public Optional<Deployment> contracts() {
      return Optional.of(deployment);
    }

    @Override
    public PrivateKey operatorKey() {
      return operatorKey;
    }

    @Override
    public void stop() {
      if (client != null) {
        client.close();
      }
    }
  }

  /**
   * No chain: the deployment JSON, the addresses given by hand, or the fixed offline development
   * deployment; chain facts are written with {@code hub seed-facts}.
   */
  final class Offline implements ChainMode {
    private final HubSettings settings;
    private HubDeployment deployment;
    private PrivateKey operatorKey;

    Offline(HubSettings settings) {
      this.settings = settings;
    }

    @Override
    public String name() {
      return "offline chain";
    }

    @Override
    public void start() throws Exception {
      HubSettings.Chain c = settings.chain();
      if (c.deployment() != null) {
        deployment = HubDeployment.read(c.deployment());
      } else if (c.hermesId() != null) {
        if (c.registry() == null || c.channelImplementation() == null) {
          throw new IllegalArgumentException(
              "chain.hermes-id needs chain.registry and chain.channel-implementation too");
        }
        deployment =
            new HubDeployment(
                0,
                c.hermesId().toHex(),
                c.registry().toHex(),
                c.channelImplementation().toHex(),
                null);
      } else {
        LOG.warn(
            "no RPC URL and no deployment: running on the OFFLINE development chain (facts seeded"
                + " by hand)");
        deployment = HubDeployment.OFFLINE_DEV;
      }
      operatorKey = SigningKeys.operator(settings.operator(), true);
    }

    /** Whether this is the fixed development deployment (whose hub facts the hub seeds). */
    public boolean development() {
      return deployment == HubDeployment.OFFLINE_DEV;
    }

    @Override
    public HubDeployment deployment() {
      return deployment;
    }

    @Override
    public Optional<ChainClient> client() {
      return Optional.empty();
    }

    @Override
    public Optional<Deployment> contracts() {
      return Optional.empty();
    }

    @Override
    public PrivateKey operatorKey() {
      return operatorKey;
    }

    @Override
    public void stop() {}
  }
}
