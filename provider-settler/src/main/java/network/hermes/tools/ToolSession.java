package network.hermes.tools;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
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

/**
 * What a tool command works with, built from its settings when first needed: the deployment, the
 * chain and hub connections, the identity's and the wallet's keys. Closing it closes the
 * connections.
 */
public class ToolSession implements AutoCloseable {
  /** The secp256k1 implementation the tools sign and verify with. */
  public static final Secp256k1 SECP = Secp256k1s.getDefault();

  /** The settings. */
  public final ToolConfig config;

  /** Where results, progress and errors go. */
  public final Console console;

  /** The clock of the tools' waits and records. */
  public final Clock clock = Clock.systemUTC();

  /** The environment passwords are read from. */
  protected final Map<String, String> env;

  private Deployment deployment;
  private Web3jChainClient chainClient;
  private HubClient hubClient;
  private PrivateKey identityKey;

  /**
   * Creates the session.
   *
   * @param config the settings
   * @param console the output
   * @param env the environment
   */
  public ToolSession(ToolConfig config, Console console, Map<String, String> env) {
    this.config = config;
    this.console = console;
    this.env = env;
  }

  /**
   * The user's home folder, where the tools keep their data by default: {@code $HOME} when set (as
   * shells and other tools have it), else Java's {@code user.home}.
   *
   * @return the folder
   */
  public static String home() {
    String home = System.getenv("HOME");
    return home == null || home.isBlank() ? System.getProperty("user.home") : home;
  }

  /**
   * The deployment of {@code chain.deployment}.
   *
   * @return the deployment
   * @throws ToolException with {@link ExitCode#USAGE} when it is not given or unreadable
   */
  public Deployment deployment() {
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

  /**
   * The chain client of {@code chain.rpc-url}, checked to serve the deployment's chain.
   *
   * @return the client
   */
  public Web3jChainClient chainClient() {
    if (chainClient == null) {
      chainClient =
          Web3jChainClient.connect(config.require("chain.rpc-url", "--rpc-url URL"), deployment());
    }
    return chainClient;
  }

  /**
   * The hub client of {@code hub.url}.
   *
   * @return the client
   */
  public HubClient hubClient() {
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

  /**
   * The identity's key, decrypted once.
   *
   * @return the key
   */
  public PrivateKey identityKey() {
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

  /**
   * The identity's signer.
   *
   * @return the signer
   */
  public KeySigner identity() {
    return new KeySigner(identityKey(), SECP);
  }

  /**
   * Whether a wallet key is configured.
   *
   * @return true when one of the wallet settings is set
   */
  public boolean hasWallet() {
    return Keys.configured(config, "wallet");
  }

  /**
   * The wallet's key.
   *
   * @return the key
   * @throws ToolException with {@link ExitCode#KEY} when none is configured or it cannot be opened
   */
  public PrivateKey walletKey() {
    return Keys.load(
        config,
        "wallet",
        "--wallet-keystore FILE (with --wallet-password-file) or --wallet-dev-key HEX",
        deployment().chainId(),
        env);
  }

  /**
   * The identity for commands that only read: its address, without decrypting a keystore; it cannot
   * sign.
   *
   * @return a signer whose {@code sign} refuses
   */
  public Signer identityAddress() {
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

  /**
   * Whether an identity is configured at all.
   *
   * @return true when an address, a keystore or a development key is set
   */
  public boolean hasIdentity() {
    return Keys.configured(config, "identity");
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
