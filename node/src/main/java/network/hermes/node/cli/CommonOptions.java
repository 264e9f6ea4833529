package network.hermes.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.keys.Keystore;
import network.hermes.contracts.keys.KeystoreException;
import network.hermes.promise.crypto.PrivateKey;
import picocli.CommandLine.Option;

/** Options both node commands take. */
final class CommonOptions {
  @Option(
      names = "--hub",
      required = true,
      paramLabel = "URL",
      description = "The hub's API, e.g. http://127.0.0.1:8765/api/v2.")
  String hub;

  @Option(
      names = "--deployment",
      required = true,
      paramLabel = "FILE",
      description = "Deployment JSON of the hub's contracts (chain, registry, hub id, operator).")
  Path deployment;

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description = "V3 keystore of this node's identity.")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File holding the keystore password (else $HERMES_NODE_PASSWORD).")
  Path passwordFile;

  @Option(
      names = "--dev-key",
      paramLabel = "HEX",
      hidden = true,
      description = "Private key in hex instead of a keystore (devnet only).")
  String devKey;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = ".hermes/node",
      description = "Where totals and earnings are kept (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--status-interval",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds between status lines, 0 for none (default: ${DEFAULT-VALUE}).")
  int statusInterval;

  Deployment deployment() throws StartException {
    try {
      return Deployment.read(deployment);
    } catch (IOException | IllegalArgumentException e) {
      throw new StartException("cannot read the deployment " + deployment + ": " + e.getMessage());
    }
  }

  PrivateKey key() throws StartException {
    if (devKey != null) {
      try {
        return PrivateKey.fromHex(devKey);
      } catch (IllegalArgumentException e) {
        throw new StartException("--dev-key: " + e.getMessage());
      }
    }
    if (keystore == null) {
      throw new StartException("give --keystore FILE (the node's identity)");
    }
    String password;
    try {
      password =
          passwordFile != null
              ? Files.readString(passwordFile).strip()
              : System.getenv().getOrDefault("HERMES_NODE_PASSWORD", null);
    } catch (IOException e) {
      throw new StartException("cannot read --password-file: " + e.getMessage());
    }
    if (password == null) {
      throw new StartException(
          "no keystore password: give --password-file or set HERMES_NODE_PASSWORD");
    }
    try {
      return Keystore.decrypt(keystore, password);
    } catch (KeystoreException e) {
      throw new StartException("keystore " + keystore + ": " + e.getMessage());
    }
  }

  /** A start-up failure with a one-line reason. */
  static final class StartException extends Exception {
    private static final long serialVersionUID = 1L;

    StartException(String message) {
      super(message);
    }
  }
}
