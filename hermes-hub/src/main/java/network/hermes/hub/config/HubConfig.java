package network.hermes.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The hub's settings as flat keys ({@code http.port}, {@code db.url}, ...). One precedence, highest
 * first: command-line flags, then environment variables ({@code HERMES_HUB_} + the key in upper
 * case with dots and dashes as underscores, e.g. {@code HERMES_HUB_DB_URL}), then the config file
 * (Java properties), then {@link #DEFAULTS}.
 */
public final class HubConfig {
  public static final String ENV_PREFIX = "HERMES_HUB_";

  /** Every key the hub knows, with its default ("" means unset). */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("http.host", "127.0.0.1");
    d.put("http.port", "8765");
    d.put("http.max-body-bytes", "65536");
    d.put(
        "http.instances",
        Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
    d.put("db.url", "");
    d.put("db.password", "");
    d.put("db.password-file", "");
    d.put("db.pool-size", "16");
    d.put("db.lock-timeout-ms", "2000");
    d.put("db.embedded-dir", ".hermes/hub-db");
    d.put("db.embedded-port", "0");
    d.put("db.embedded-settings", "");
    d.put("chain.mode", "auto");
    d.put("chain.rpc-url", "");
    d.put("chain.deployment", "");
    d.put("chain.ids", "");
    d.put("chain.hermes-id", "");
    d.put("chain.registry", "");
    d.put("chain.channel-implementation", "");
    d.put("chain.view-refresh-ms", "500");
    d.put("watcher.enabled", "true");
    d.put("watcher.confirmations", "");
    d.put("watcher.poll-interval-ms", "1000");
    d.put("watcher.reorg-depth", "128");
    d.put("watcher.max-range", "2000");
    d.put("lease.ttl-ms", "15000");
    d.put("tx.min-priority-fee-wei", "");
    d.put("tx.max-fee-wei", "");
    d.put("tx.replace-after-seconds", "");
    d.put("settlement.enabled", "true");
    d.put("settlement.interval-ms", "5000");
    d.put("settlement.threshold", "5000000000000000000");
    d.put("settlement.max-age-seconds", "3600");
    d.put("settlement.batch-size", "50");
    d.put("settlement.retry-base-seconds", "30");
    d.put("settlement.retry-max-seconds", "3600");
    d.put("settlement.low-balance", "10000000000000000000");
    d.put("relay.enabled", "true");
    d.put("relay.keystore", "");
    d.put("relay.password-file", "");
    d.put("relay.dev-key", "");
    d.put("relay.myst-per-native", "1");
    d.put("relay.fee-margin-percent", "20");
    d.put("relay.quote-validity-seconds", "300");
    d.put("relay.gas-register", "250000");
    d.put("relay.gas-settle", "150000");
    d.put("relay.gas-stake-decrease", "100000");
    d.put("relay.interval-ms", "1000");
    d.put("relay.max-attempts", "5");
    d.put("relay.funding-wait-seconds", "3600");
    d.put("devnet.hub-float", "1000000000000000000000");
    d.put("devnet.deployment-out", "");
    d.put("operator.keystore", "");
    d.put("operator.password-file", "");
    d.put("operator.password-env", "HERMES_OPERATOR_PASSWORD");
    d.put("operator.dev-key", "");
    d.put("policy.max-transactor-fee", "1000000000000000000");
    d.put("policy.zero-stake-cap", "");
    d.put("policy.pay-and-settle", "true");
    d.put("policy.max-facts-age-seconds", "");
    d.put("policy.solvency-guard", "auto");
    d.put("batch.enabled", "true");
    d.put("batch.max-size", "64");
    d.put("batch.max-in-flight", "1");
    d.put("batch.overlap-at", "1");
    d.put("batch.max-queue", "10000");
    d.put("shutdown.grace-seconds", "10");
    d.put("dashboard.enabled", "true");
    d.put("dashboard.operator-token", "");
    d.put("dashboard.operator-token-file", "");
    d.put("dashboard.session-minutes", "60");
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  private final Map<String, String> values;
  private final Map<String, String> origin;

  private HubConfig(Map<String, String> values, Map<String, String> origin) {
    this.values = values;
    this.origin = origin;
  }

  /**
   * @param flags keys given on the command line
   * @param env the process environment
   * @param file a properties file, or null
   */
  public static HubConfig load(Map<String, String> flags, Map<String, String> env, Path file)
      throws IOException {
    Map<String, String> values = new TreeMap<>(DEFAULTS);
    Map<String, String> origin = new TreeMap<>();
    DEFAULTS.keySet().forEach(k -> origin.put(k, "default"));
    if (file != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
      for (String k : p.stringPropertyNames()) {
        put(values, origin, k, p.getProperty(k).trim(), "file");
      }
    }
    for (String k : DEFAULTS.keySet()) {
      String v = env.get(envName(k));
      if (v != null) {
        put(values, origin, k, v, "env");
      }
    }
    for (Map.Entry<String, String> e : flags.entrySet()) {
      put(values, origin, e.getKey(), e.getValue(), "flag");
    }
    return new HubConfig(values, origin);
  }

  public static HubConfig defaults() {
    try {
      return load(Map.of(), Map.of(), null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy with some keys replaced (tests, benchmark). */
  public HubConfig with(Map<String, String> overrides) {
    Map<String, String> v = new TreeMap<>(values);
    Map<String, String> o = new TreeMap<>(origin);
    overrides.forEach((k, val) -> put(v, o, k, val, "override"));
    return new HubConfig(v, o);
  }

  private static void put(
      Map<String, String> values, Map<String, String> origin, String k, String v, String from) {
    if (!DEFAULTS.containsKey(k)) {
      throw new IllegalArgumentException("unknown setting " + k + " (from " + from + ")");
    }
    values.put(k, v);
    origin.put(k, from);
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String get(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("unknown setting " + key);
    }
    return values.get(key);
  }

  public boolean isSet(String key) {
    return !get(key).isBlank();
  }

  public String originOf(String key) {
    return origin.get(key);
  }

  public int getInt(String key) {
    try {
      return Integer.parseInt(get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got " + get(key));
    }
  }

  public long getLong(String key) {
    try {
      return Long.parseLong(get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got " + get(key));
    }
  }

  public boolean getBoolean(String key) {
    String v = get(key).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, got " + v);
    };
  }

  public BigInteger getAmount(String key) {
    try {
      BigInteger b = new BigInteger(get(key).trim());
      if (b.signum() < 0) {
        throw new NumberFormatException();
      }
      return b;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a non-negative integer of wei");
    }
  }

  /** Key = value (origin) lines with secrets masked, for the start-up log. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getValue();
      if (e.getKey().contains("password")
              && !e.getKey().endsWith("-env")
              && !e.getKey().endsWith("-file")
          || e.getKey().endsWith(".dev-key")
          || e.getKey().endsWith("-token")) {
        v = v.isBlank() ? "" : "***";
      }
      if (e.getKey().equals("db.url")) {
        v = v.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
      }
      sb.append(e.getKey())
          .append('=')
          .append(v)
          .append(" (")
          .append(origin.get(e.getKey()))
          .append(")\n");
    }
    return sb.toString();
  }
}
