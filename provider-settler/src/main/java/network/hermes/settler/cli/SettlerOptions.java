package network.hermes.settler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.hermes.tools.ToolConfig;
import picocli.CommandLine.Option;

/** The options every settler command takes; each is also a setting (see {@link #DEFAULTS}). */
public final class SettlerOptions {
  /** Environment variables of settings start with this. */
  public static final String ENV_PREFIX = "HERMES_SETTLE_";

  /** Every setting with its default ("" for unset). */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    String home = System.getProperty("user.home");
    d.put("chain.rpc-url", "");
    d.put("chain.deployment", "");
    d.put("hub.url", "");
    d.put("data.dir", Path.of(home, ".hermes", "settler").toString());
    d.put("keystore.dir", Path.of(home, ".hermes", "keystore").toString());
    d.put("identity.address", "");
    d.put("identity.keystore", "");
    d.put("identity.password-file", "");
    d.put("identity.password-env", "HERMES_IDENTITY_PASSWORD");
    d.put("identity.dev-key", "");
    d.put("wallet.address", "");
    d.put("wallet.keystore", "");
    d.put("wallet.password-file", "");
    d.put("wallet.password-env", "HERMES_WALLET_PASSWORD");
    d.put("wallet.dev-key", "");
    d.put("settle.route", "relay");
    d.put("policy.max-unsettled", "20");
    d.put("policy.min-auto-settle", "5");
    d.put("policy.max-fee-share", "5");
    d.put("policy.staked-threshold", "10");
    d.put("policy.max-hub-fee", "30");
    d.put("run.interval-seconds", "60");
    d.put("run.retry-base-seconds", "30");
    d.put("run.retry-max-seconds", "3600");
    d.put("relay.timeout-seconds", "300");
    d.put("relay.poll-ms", "1000");
    DEFAULTS = java.util.Collections.unmodifiableMap(d);
  }

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

  @Option(
      names = "--data-dir",
      description = "where earnings and history are kept (data.dir, default ~/.hermes/settler)")
  Path dataDir;

  @Option(
      names = "--keystore-dir",
      description = "folder of identity keystores (keystore.dir, default ~/.hermes/keystore)")
  Path keystoreDir;

  @Option(
      names = "--identity",
      description =
          "the provider identity's address, its keystore looked up in the keystore folder (identity.address)")
  String identity;

  @Option(
      names = "--keystore",
      description = "the provider identity's V3 keystore file (identity.keystore)")
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
          "keystore of the account that pays gas for direct settlements (default: the identity)")
  Path walletKeystore;

  @Option(
      names = "--wallet-password-file",
      description = "file holding the wallet keystore's password (else HERMES_WALLET_PASSWORD)")
  Path walletPasswordFile;

  @Option(
      names = "--wallet-dev-key",
      description = "the gas-paying account as a hex private key: devnets only")
  String walletDevKey;

  @Option(names = "--json", description = "print the result as JSON (amounts as integers of wei)")
  boolean json;

  @Option(
      names = "--set",
      description = "any setting as key=value (repeatable), e.g. --set policy.max-fee-share=2.5")
  List<String> sets = new ArrayList<>();

  /**
   * The settings from these options, the environment and the config file.
   *
   * @param env the environment
   * @return the settings
   */
  public ToolConfig load(Map<String, String> env) {
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
    return ToolConfig.load(DEFAULTS, ENV_PREFIX, f, env, config);
  }

  private static void put(Map<String, String> flags, String key, Object value) {
    if (value != null) {
      flags.put(key, value.toString());
    }
  }
}
