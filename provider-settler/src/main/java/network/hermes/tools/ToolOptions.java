package network.hermes.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options both tools take on every command; each is also a setting, so it can come from the
 * environment or a config file as well.
 */
public final class ToolOptions {
  @Option(
      names = "--config",
      description = "properties file of settings (below flags and environment)")
  Path config;

  @Option(names = "--rpc-url", description = "JSON-RPC URL of the chain (chain.rpc-url)")
  String rpcUrl;

  @Option(
      names = "--deployment",
      description = "deployment JSON of the contracts (chain.deployment)")
  Path deployment;

  @Option(
      names = "--hub-url",
      description = "the hub's base URL, e.g. http://127.0.0.1:8765 (hub.url)")
  String hubUrl;

  @Option(names = "--data-dir", description = "where earnings and history are kept (data.dir)")
  Path dataDir;

  @Option(
      names = "--keystore-dir",
      description = "folder of identity keystores (keystore.dir, default ~/.hermes/keystore)")
  Path keystoreDir;

  @Option(
      names = "--identity",
      description =
          "the identity's address, its keystore looked up in the keystore folder (identity.address)")
  String identity;

  @Option(names = "--keystore", description = "the identity's V3 keystore file (identity.keystore)")
  Path keystore;

  @Option(
      names = "--password-file",
      description =
          "file holding the identity keystore's password (else the variable HERMES_IDENTITY_PASSWORD)")
  Path passwordFile;

  @Option(
      names = "--dev-key",
      description = "the identity as a hex private key: devnets (chain 31337, 1337) only")
  String devKey;

  @Option(
      names = "--wallet-keystore",
      description =
          "keystore of the wallet that pays gas (and funds top-ups); the settler defaults to the"
              + " identity")
  Path walletKeystore;

  @Option(
      names = "--wallet-password-file",
      description = "file holding the wallet keystore's password (else HERMES_WALLET_PASSWORD)")
  Path walletPasswordFile;

  @Option(names = "--wallet-dev-key", description = "the wallet as a hex private key: devnets only")
  String walletDevKey;

  @Option(names = "--json", description = "print the result as JSON (amounts as integers of wei)")
  boolean json;

  @Option(
      names = "--set",
      description = "any setting as key=value (repeatable), e.g. --set policy.max-fee-share=2.5")
  List<String> sets = new ArrayList<>();

  /**
   * The settings every tool has, with their defaults: chain, deployment, hub, folders, identity and
   * wallet keys.
   *
   * @param dataFolder the tool's folder under {@code ~/.hermes}
   * @return the settings, in a map the tool may add its own to
   */
  public static Map<String, String> commonDefaults(String dataFolder) {
    Map<String, String> d = new LinkedHashMap<>();
    String home = ToolSession.home();
    d.put("chain.rpc-url", "");
    d.put("chain.deployment", "");
    d.put("hub.url", "");
    d.put("data.dir", Path.of(home, ".hermes", dataFolder).toString());
    d.put("keystore.dir", Path.of(home, ".hermes", "keystore").toString());
    for (String role : List.of("identity", "wallet")) {
      d.put(role + ".address", "");
      d.put(role + ".keystore", "");
      d.put(role + ".password-file", "");
      d.put(
          role + ".password-env",
          "HERMES_" + role.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD");
      d.put(role + ".dev-key", "");
    }
    return d;
  }

  /**
   * Whether results are to be printed as JSON.
   *
   * @return true with {@code --json}
   */
  public boolean json() {
    return json;
  }

  /**
   * The settings from these options, the environment and the config file.
   *
   * @param defaults the tool's settings with their defaults
   * @param envPrefix the tool's environment prefix
   * @param env the environment
   * @return the settings
   * @throws ToolException with {@link ExitCode#USAGE} for an unknown setting
   */
  public ToolConfig load(Map<String, String> defaults, String envPrefix, Map<String, String> env) {
    Map<String, String> f = new LinkedHashMap<>();
    ToolConfig.parseSets(sets, f);
    put(f, "chain.rpc-url", rpcUrl);
    put(f, "chain.deployment", deployment);
    put(f, "hub.url", hubUrl);
    put(f, "data.dir", dataDir);
    put(f, "keystore.dir", keystoreDir);
    put(f, "identity.address", identity);
    put(f, "identity.keystore", keystore);
    put(f, "identity.password-file", passwordFile);
    put(f, "identity.dev-key", devKey);
    put(f, "wallet.keystore", walletKeystore);
    put(f, "wallet.password-file", walletPasswordFile);
    put(f, "wallet.dev-key", walletDevKey);
    return ToolConfig.load(defaults, envPrefix, f, env, config);
  }

  private static void put(Map<String, String> flags, String key, Object value) {
    if (value != null) {
      flags.put(key, value.toString());
    }
  }
}
