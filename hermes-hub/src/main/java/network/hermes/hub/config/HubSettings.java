package network.hermes.hub.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import network.hermes.contracts.chain.FeePolicy;
import network.hermes.hub.relay.FeeKind;
import network.hermes.hub.relay.FeeQuoter;
import network.hermes.hub.settlement.SettlementRules;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The hub's settings, parsed once from the flat keys of {@link HubConfig} into one typed record per
 * feature. A value that does not parse is refused here, naming its key, before anything starts.
 */
public record HubSettings(
    Http http,
    Database db,
    Chain chain,
    Watcher watcher,
    Duration leaseTtl,
    Tx tx,
    Settlement settlement,
    Relay relay,
    Devnet devnet,
    Operator operator,
    Policy policy,
    Batch batch,
    Duration shutdownGrace) {

  /**
   * @param port 0 for a free one
   */
  public record Http(String host, int port, long maxBodyBytes, int instances) {}

  /**
   * @param url empty for the embedded database
   * @param password from db.password or db.password-file, or null
   * @param embeddedSettings extra server settings of the embedded PostgreSQL
   */
  public record Database(
      String url,
      String password,
      int poolSize,
      int lockTimeoutMs,
      Path embeddedDir,
      int embeddedPort,
      Map<String, String> embeddedSettings) {
    public Database {
      embeddedSettings = Map.copyOf(embeddedSettings);
    }

    public boolean embedded() {
      return url.isBlank();
    }
  }

  /**
   * @param mode auto, devnet, rpc or offline (as configured; {@link
   *     network.hermes.hub.chain.ChainMode} decides)
   * @param deployment the deployment JSON, or null
   * @param ids the chains served when configured, else empty (the deployment's)
   * @param hermesId with registry and channel implementation: the addresses given by hand, or null
   */
  public record Chain(
      String mode,
      String rpcUrl,
      Path deployment,
      List<ChainId> ids,
      Address hermesId,
      Address registry,
      Address channelImplementation,
      Duration viewRefresh) {
    public Chain {
      ids = List.copyOf(ids);
    }
  }

  /**
   * @param confirmations as configured, or null for the chain's usual depth
   */
  public record Watcher(
      boolean enabled,
      Integer confirmations,
      Duration pollInterval,
      int reorgDepth,
      int maxRange,
      TokenAmount lowBalance) {
    /**
     * Blocks confirmed before the watcher applies them: the setting, or one that suits the chain.
     */
    public int confirmationsFor(ChainId chainId) {
      if (confirmations != null) {
        return confirmations;
      }
      long id = chainId.value();
      if (id == 31337 || id == 1337) {
        return 0; // a local devnet mines a block per transaction and never reorganises by itself
      }
      return id == 137 || id == 80002 ? 32 : 12;
    }
  }

  /** Fee settings of the hub's transactions; null means the chain's default. */
  public record Tx(BigInteger minPriorityFee, BigInteger maxFee, Duration replaceAfter) {
    public FeePolicy feePolicy(ChainId chainId) {
      FeePolicy defaults = FeePolicy.forChain(chainId.value());
      return new FeePolicy(
          minPriorityFee != null ? minPriorityFee : defaults.minPriorityFee(),
          maxFee != null ? maxFee : defaults.maxFeeCap(),
          replaceAfter != null ? replaceAfter : defaults.replaceAfter(),
          defaults.receiptTimeout(),
          defaults.pollInterval());
    }
  }

  public record Settlement(boolean enabled, Duration interval, SettlementRules rules) {}

  /**
   * @param keystore with passwordFile: the relay's own key, or null
   * @param devKey hex private key for development, or null
   */
  public record Relay(
      boolean enabled,
      Path keystore,
      Path passwordFile,
      String devKey,
      FeeQuoter quoter,
      Duration interval,
      int maxAttempts,
      Duration fundingWait) {}

  /**
   * @param hubFloat MYST minted to the devnet's Hermes contract at start
   * @param deploymentOut where the devnet's deployment JSON is written
   */
  public record Devnet(TokenAmount hubFloat, Path deploymentOut) {}

  /** Where the operator key comes from. */
  public record Operator(Path keystore, Path passwordFile, String passwordEnv, String devKey) {}

  public enum SolvencyGuard {
    AUTO,
    ON,
    OFF
  }

  /**
   * @param zeroStakeCap null for the Hermes maxStake
   * @param maxFactsAge null for no limit
   */
  public record Policy(
      TokenAmount maxTransactorFee,
      TokenAmount zeroStakeCap,
      boolean payAndSettle,
      Duration maxFactsAge,
      SolvencyGuard solvencyGuard) {}

  public record Batch(boolean enabled, int maxSize, int maxInFlight, int overlapAt, int maxQueue) {}

  /**
   * Parses every setting.
   *
   * @throws IllegalArgumentException naming the key whose value is bad
   * @throws IOException when a password file cannot be read
   */
  public static HubSettings from(HubConfig c) throws IOException {
    Path embeddedDir = Path.of(c.get("db.embedded-dir")).toAbsolutePath().normalize();
    return new HubSettings(
        new Http(
            c.get("http.host").trim(),
            port(c, "http.port"),
            positiveLong(c, "http.max-body-bytes"),
            positive(c, "http.instances")),
        new Database(
            c.get("db.url").trim(),
            c.isSet("db.password-file")
                ? secret(c, "db.password-file")
                : c.isSet("db.password") ? c.get("db.password") : null,
            positive(c, "db.pool-size"),
            positive(c, "db.lock-timeout-ms"),
            embeddedDir,
            port(c, "db.embedded-port"),
            serverSettings(c, "db.embedded-settings")),
        new Chain(
            c.get("chain.mode").trim().toLowerCase(Locale.ROOT),
            c.get("chain.rpc-url").trim(),
            path(c, "chain.deployment"),
            chainIds(c, "chain.ids"),
            address(c, "chain.hermes-id"),
            address(c, "chain.registry"),
            address(c, "chain.channel-implementation"),
            Duration.ofMillis(positiveLong(c, "chain.view-refresh-ms"))),
        new Watcher(
            c.getBoolean("watcher.enabled"),
            c.isSet("watcher.confirmations") ? nonNegative(c, "watcher.confirmations") : null,
            Duration.ofMillis(positiveLong(c, "watcher.poll-interval-ms")),
            positive(c, "watcher.reorg-depth"),
            positive(c, "watcher.max-range"),
            amount(c, "settlement.low-balance")),
        Duration.ofMillis(positiveLong(c, "lease.ttl-ms")),
        new Tx(
            c.isSet("tx.min-priority-fee-wei") ? c.getAmount("tx.min-priority-fee-wei") : null,
            c.isSet("tx.max-fee-wei") ? c.getAmount("tx.max-fee-wei") : null,
            c.isSet("tx.replace-after-seconds")
                ? Duration.ofSeconds(positiveLong(c, "tx.replace-after-seconds"))
                : null),
        new Settlement(
            c.getBoolean("settlement.enabled"),
            Duration.ofMillis(positiveLong(c, "settlement.interval-ms")),
            new SettlementRules(
                amount(c, "settlement.threshold"),
                Duration.ofSeconds(positiveLong(c, "settlement.max-age-seconds")),
                positive(c, "settlement.batch-size"),
                Duration.ofSeconds(positiveLong(c, "settlement.retry-base-seconds")),
                Duration.ofSeconds(positiveLong(c, "settlement.retry-max-seconds")))),
        new Relay(
            c.getBoolean("relay.enabled"),
            path(c, "relay.keystore"),
            path(c, "relay.password-file"),
            c.isSet("relay.dev-key") ? c.get("relay.dev-key").trim() : null,
            new FeeQuoter(
                Map.of(
                    FeeKind.REGISTER, positiveLong(c, "relay.gas-register"),
                    FeeKind.SETTLE, positiveLong(c, "relay.gas-settle"),
                    FeeKind.STAKE_DECREASE, positiveLong(c, "relay.gas-stake-decrease")),
                decimal(c, "relay.myst-per-native"),
                nonNegative(c, "relay.fee-margin-percent"),
                Duration.ofSeconds(positiveLong(c, "relay.quote-validity-seconds"))),
            Duration.ofMillis(positiveLong(c, "relay.interval-ms")),
            positive(c, "relay.max-attempts"),
            Duration.ofSeconds(positiveLong(c, "relay.funding-wait-seconds"))),
        new Devnet(
            amount(c, "devnet.hub-float"),
            c.isSet("devnet.deployment-out")
                ? Path.of(c.get("devnet.deployment-out").trim())
                : embeddedDir.resolveSibling("devnet-deployment.json")),
        new Operator(
            path(c, "operator.keystore"),
            path(c, "operator.password-file"),
            c.get("operator.password-env").trim(),
            c.isSet("operator.dev-key") ? c.get("operator.dev-key").trim() : null),
        new Policy(
            amount(c, "policy.max-transactor-fee"),
            c.isSet("policy.zero-stake-cap") ? amount(c, "policy.zero-stake-cap") : null,
            c.getBoolean("policy.pay-and-settle"),
            c.isSet("policy.max-facts-age-seconds")
                ? Duration.ofSeconds(nonNegativeLong(c, "policy.max-facts-age-seconds"))
                : null,
            solvencyGuard(c, "policy.solvency-guard")),
        new Batch(
            c.getBoolean("batch.enabled"),
            positive(c, "batch.max-size"),
            positive(c, "batch.max-in-flight"),
            positive(c, "batch.overlap-at"),
            positive(c, "batch.max-queue")),
        Duration.ofSeconds(nonNegative(c, "shutdown.grace-seconds")));
  }

  private static int port(HubConfig c, String key) {
    int p = c.getInt(key);
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(key + " must be a port (0 for a free one), got " + p);
    }
    return p;
  }

  private static int positive(HubConfig c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
    return v;
  }

  private static int nonNegative(HubConfig c, String key) {
    int v = c.getInt(key);
    if (v < 0) {
      throw new IllegalArgumentException(key + " must not be negative, got " + v);
    }
    return v;
  }

  private static long positiveLong(HubConfig c, String key) {
    long v = c.getLong(key);
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
    return v;
  }

  private static long nonNegativeLong(HubConfig c, String key) {
    long v = c.getLong(key);
    if (v < 0) {
      throw new IllegalArgumentException(key + " must not be negative, got " + v);
    }
    return v;
  }

  private static TokenAmount amount(HubConfig c, String key) {
    return TokenAmount.of(c.getAmount(key));
  }

  private static BigDecimal decimal(HubConfig c, String key) {
    try {
      BigDecimal d = new BigDecimal(c.get(key).trim());
      if (d.signum() < 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a non-negative decimal, got " + c.get(key));
    }
  }

  private static Path path(HubConfig c, String key) {
    return c.isSet(key) ? Path.of(c.get(key).trim()) : null;
  }

  private static Address address(HubConfig c, String key) {
    if (!c.isSet(key)) {
      return null;
    }
    try {
      return Address.fromHex(c.get(key).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be a 0x address: " + e.getMessage(), e);
    }
  }

  private static List<ChainId> chainIds(HubConfig c, String key) {
    List<ChainId> out = new ArrayList<>();
    for (String s : c.get(key).split(",")) {
      if (s.isBlank()) {
        continue;
      }
      try {
        ChainId id = ChainId.of(Long.parseLong(s.trim()));
        if (id.isZero()) {
          throw new IllegalArgumentException("0 is no chain");
        }
        if (!out.contains(id)) {
          out.add(id);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            key + " must be comma-separated positive chain ids, got " + c.get(key));
      }
    }
    return out;
  }

  private static final Set<String> DURABILITY = Set.of("synchronous_commit", "fsync");

  private static Map<String, String> serverSettings(HubConfig c, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : c.get(key).split(",")) {
      if (kv.isBlank()) {
        continue;
      }
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(key + " needs name=value pairs, got " + kv.trim());
      }
      String name = kv.substring(0, eq).trim();
      if (DURABILITY.contains(name) || name.equals("full_page_writes")) {
        throw new IllegalArgumentException(
            key + ": " + name + " stays on: the hub acknowledges only durable state");
      }
      out.put(name, kv.substring(eq + 1).trim());
    }
    return out;
  }

  private static SolvencyGuard solvencyGuard(HubConfig c, String key) {
    try {
      return SolvencyGuard.valueOf(c.get(key).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be auto, on or off, got " + c.get(key));
    }
  }

  private static String secret(HubConfig c, String key) throws IOException {
    return readSecret(Path.of(c.get(key).trim()));
  }

  /** The secret in a file, without surrounding whitespace. */
  public static String readSecret(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
