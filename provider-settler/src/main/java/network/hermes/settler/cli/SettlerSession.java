package network.hermes.settler.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.keys.Keystore;
import network.hermes.contracts.keys.KeystoreException;
import network.hermes.hubclient.HubClient;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import network.hermes.settler.Route;
import network.hermes.settler.chain.ClientSettlerChain;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.hub.HubClientSettlerHub;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.settle.Backoff;
import network.hermes.settler.settle.Resync;
import network.hermes.settler.settle.Settler;
import network.hermes.settler.settle.SettlerHub;
import network.hermes.settler.store.EarningsStore;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.tools.ExitCode;
import network.hermes.tools.Keys;
import network.hermes.tools.ToolConfig;
import network.hermes.tools.ToolException;

/**
 * What one settler command works with, built from the settings: the deployment, the chain and hub
 * connections (opened when first needed), the store, the history and the settlement path.
 */
final class SettlerSession implements AutoCloseable {
  static final Secp256k1 SECP = Secp256k1s.getDefault();

  final ToolConfig config;
  final Console console;
  final Clock clock = Clock.systemUTC();
  private final Map<String, String> env;
  private Deployment deployment;
  private Web3jChainClient chainClient;
  private HubClient hubClient;
  private PrivateKey identityKey;
  private EarningsStore store;
  private SettlementHistory history;

  SettlerSession(ToolConfig config, Console console, Map<String, String> env) {
    this.config = config;
    this.console = console;
    this.env = env;
  }

  Deployment deployment() {
    if (deployment == null) {
      Path file = Path.of(config.require("chain.deployment", "--deployment FILE"));
      try {
        deployment = Deployment.read(file);
      } catch (NoSuchFileException e) {
        throw ToolException.usage("deployment file " + file + " does not exist");
      } catch (IOException | IllegalArgumentException e) {
        throw ToolException.usage("cannot read deployment " + file + ": " + e.getMessage());
      }
    }
    return deployment;
  }

  Web3jChainClient chainClient() {
    if (chainClient == null) {
      chainClient =
          Web3jChainClient.connect(config.require("chain.rpc-url", "--rpc-url URL"), deployment());
    }
    return chainClient;
  }

  HubClient hubClient() {
    if (hubClient == null) {
      String url = config.require("hub.url", "--hub-url URL");
      try {
        hubClient = HubClient.connect(url);
      } catch (IllegalArgumentException e) {
        throw ToolException.usage("'" + url + "' is not a hub URL: " + e.getMessage());
      }
    }
    return hubClient;
  }

  SettlerHub hub() {
    return new HubClientSettlerHub(
        hubClient(), clock, Duration.ofMillis(config.getLong("relay.poll-ms")));
  }

  PrivateKey identityKey() {
    if (identityKey == null) {
      identityKey =
          Keys.load(
              config,
              "identity",
              "--identity ADDRESS, --keystore FILE or --dev-key HEX",
              deployment().chainId(),
              env);
    }
    return identityKey;
  }

  KeySigner identity() {
    return new KeySigner(identityKey(), SECP);
  }

  /**
   * The identity for commands that only read: its address, without decrypting a keystore; it cannot
   * sign.
   */
  Signer identityAddress() {
    Address address;
    if (config.isSet("identity.dev-key") || identityKey != null) {
      address = identity().address();
    } else if (config.isSet("identity.keystore")) {
      try {
        address = Keystore.address(Keys.keystoreFile(config, "identity", "--keystore FILE"));
      } catch (KeystoreException e) {
        throw new ToolException(ExitCode.KEY, e.getMessage(), e);
      }
    } else {
      String text =
          config.require(
              "identity.address", "--identity ADDRESS, --keystore FILE or --dev-key HEX");
      try {
        address = Address.fromHex(text);
      } catch (IllegalArgumentException e) {
        throw ToolException.usage("'" + text + "' is not an address");
      }
    }
    Address known = address;
    return new Signer() {
      @Override
      public Address address() {
        return known;
      }

      @Override
      public Signature sign(Bytes32 digest) {
        throw new IllegalStateException("a read-only command does not sign");
      }
    };
  }

  /** The key that pays gas for direct settlements: the wallet if configured, else the identity. */
  PrivateKey walletKey() {
    if (!Keys.configured(config, "wallet")) {
      return identityKey();
    }
    return Keys.load(
        config,
        "wallet",
        "--wallet-keystore FILE or --wallet-dev-key HEX",
        deployment().chainId(),
        env);
  }

  EarningsStore store() {
    if (store == null) {
      store =
          EarningsStore.open(Path.of(config.require("data.dir", "--data-dir")).resolve("earnings"));
    }
    return store;
  }

  SettlementHistory history() {
    if (history == null) {
      history =
          SettlementHistory.open(
              Path.of(config.require("data.dir", "--data-dir")).resolve("history.jsonl"));
    }
    return history;
  }

  Route route(String override) {
    String value = override != null ? override : config.get("settle.route");
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "relay" -> Route.RELAY;
      case "direct" -> Route.DIRECT;
      default -> throw ToolException.usage("the route is relay or direct, got '" + value + "'");
    };
  }

  SettlePolicy policy() {
    try {
      return new SettlePolicy(
          Amounts.parse(config.get("policy.max-unsettled")),
          Amounts.parse(config.get("policy.min-auto-settle")),
          config.getPercentAsBps("policy.max-fee-share"),
          config.getPercentAsBps("policy.staked-threshold"),
          config.getPercentAsBps("policy.max-hub-fee"));
    } catch (IllegalArgumentException e) {
      throw ToolException.usage("the settlement policy is inconsistent: " + e.getMessage());
    }
  }

  /**
   * The settlement path; direct settlements are sent from the wallet key only when {@code
   * needsSender}.
   */
  Settler settler(boolean needsSender) {
    ClientSettlerChain chain =
        new ClientSettlerChain(chainClient(), deployment(), needsSender ? walletKey() : null);
    Duration relayTimeout = Duration.ofSeconds(config.getLong("relay.timeout-seconds"));
    return new Settler(
        chain,
        hub(),
        store(),
        history(),
        policy(),
        SECP,
        clock,
        console::progress,
        new Settler.Options(relayTimeout, Duration.ofMinutes(1), Duration.ofMillis(500)));
  }

  Resync resync() {
    return new Resync(
        new ClientSettlerChain(chainClient(), deployment(), null),
        hub(),
        store(),
        SECP,
        new SecureRandom(),
        console::progress);
  }

  Backoff backoff() {
    try {
      return new Backoff(
          Duration.ofSeconds(config.getLong("run.retry-base-seconds")),
          Duration.ofSeconds(config.getLong("run.retry-max-seconds")));
    } catch (IllegalArgumentException e) {
      throw ToolException.usage(
          "run.retry-base-seconds and run.retry-max-seconds: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (hubClient != null) {
      hubClient.close();
    }
    if (chainClient != null) {
      chainClient.close();
    }
  }
}
