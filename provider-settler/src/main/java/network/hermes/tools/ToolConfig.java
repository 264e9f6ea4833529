package network.hermes.tools;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A tool's settings as flat keys, with the hub's precedence, highest first: command-line flags,
 * environment variables ({@code <prefix>} + the key in upper case, dots and dashes as underscores),
 * the config file (Java properties), then the tool's defaults. An unknown key is a usage error.
 */
public final class ToolConfig {
  private final String envPrefix;
  private final Map<String, String> values;
  private final Map<String, String> origin;

  private ToolConfig(String envPrefix, Map<String, String> values, Map<String, String> origin) {
    this.envPrefix = envPrefix;
    this.values = values;
    this.origin = origin;
  }

  /**
   * Loads the settings.
   *
   * @param defaults every key the tool knows, with its default ("" for unset)
   * @param envPrefix e.g. {@code HERMES_SETTLE_}
   * @param flags keys given on the command line
   * @param env the environment
   * @param file a properties file, or null
   * @return the settings
   * @throws ToolException with {@link ExitCode#USAGE} for an unknown key or an unreadable file
   */
  public static ToolConfig load(
      Map<String, String> defaults,
      String envPrefix,
      Map<String, String> flags,
      Map<String, String> env,
      Path file) {
    Map<String, String> values = new TreeMap<>(defaults);
    Map<String, String> origin = new TreeMap<>();
    defaults.keySet().forEach(k -> origin.put(k, "default"));
    if (file != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      } catch (NoSuchFileException e) {
        throw ToolException.usage("config file " + file + " does not exist");
      } catch (IOException | IllegalArgumentException e) {
        throw ToolException.usage("cannot read config file " + file + ": " + e.getMessage());
      }
      for (String k : p.stringPropertyNames()) {
        put(defaults, values, origin, k, p.getProperty(k).trim(), "file " + file);
      }
    }
    for (String k : defaults.keySet()) {
      String v = env.get(envName(envPrefix, k));
      if (v != null) {
        put(defaults, values, origin, k, v, "environment " + envName(envPrefix, k));
      }
    }
    flags.forEach((k, v) -> put(defaults, values, origin, k, v, "flag"));
    return new ToolConfig(envPrefix, values, origin);
  }

  private static void put(
      Map<String, String> defaults,
      Map<String, String> values,
      Map<String, String> origin,
      String key,
      String value,
      String from) {
    if (!defaults.containsKey(key)) {
      throw ToolException.usage("unknown setting " + key + " (from " + from + ")");
    }
    values.put(key, value);
    origin.put(key, from);
  }

  /**
   * The environment variable of a key.
   *
   * @param prefix the tool's prefix
   * @param key the key
   * @return e.g. {@code HERMES_SETTLE_CHAIN_RPC_URL} for {@code chain.rpc-url}
   */
  public static String envName(String prefix, String key) {
    return prefix + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * A setting's value.
   *
   * @param key the key
   * @return its value, "" when unset
   */
  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("unknown setting " + key);
    }
    return v;
  }

  /**
   * Whether a setting has a value.
   *
   * @param key the key
   * @return true when not blank
   */
  public boolean isSet(String key) {
    return !get(key).isBlank();
  }

  /**
   * Where a setting's value came from, for messages.
   *
   * @param key the key
   * @return {@code default}, {@code flag}, {@code environment X} or {@code file F}
   */
  public String originOf(String key) {
    return origin.get(key);
  }

  /**
   * A required setting.
   *
   * @param key the key
   * @param flag the flag that sets it, for the message
   * @return its value
   * @throws ToolException with {@link ExitCode#USAGE} when it is unset
   */
  public String require(String key, String flag) {
    if (!isSet(key)) {
      throw ToolException.usage(
          "missing "
              + flag
              + " (or "
              + envName(envPrefix, key)
              + ", or "
              + key
              + " in the config file)");
    }
    return get(key).trim();
  }

  /**
   * An integer setting.
   *
   * @param key the key
   * @return its value
   * @throws ToolException with {@link ExitCode#USAGE} when it is not an integer
   */
  public long getLong(String key) {
    try {
      return Long.parseLong(get(key).trim());
    } catch (NumberFormatException e) {
      throw ToolException.usage(key + " must be an integer, got '" + get(key) + "'");
    }
  }

  /**
   * A boolean setting.
   *
   * @param key the key
   * @return its value
   * @throws ToolException with {@link ExitCode#USAGE} when it is not true or false
   */
  public boolean getBoolean(String key) {
    return switch (get(key).trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw ToolException.usage(key + " must be true or false, got '" + get(key) + "'");
    };
  }

  /**
   * A percentage setting as basis points: {@code 5} or {@code 2.5} (percent) become 500 and 250.
   *
   * @param key the key
   * @return basis points within 0..10000
   * @throws ToolException with {@link ExitCode#USAGE} when it is not such a percentage
   */
  public int getPercentAsBps(String key) {
    try {
      BigDecimal bps = new BigDecimal(get(key).trim()).movePointRight(2);
      if (bps.signum() < 0 || bps.compareTo(BigDecimal.valueOf(10_000)) > 0) {
        throw new NumberFormatException("out of range");
      }
      return bps.intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw ToolException.usage(
          key
              + " must be a percentage between 0 and 100 with at most two decimals, got '"
              + get(key)
              + "'");
    }
  }

  /**
   * Every key with its value, passwords and keys masked, for a start-up log.
   *
   * @return key to value
   */
  public Map<String, String> masked() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            out.put(
                k, (k.contains("dev-key") || k.contains("password")) && !v.isBlank() ? "***" : v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Parses {@code --set key=value} arguments into flags.
   *
   * @param sets the arguments
   * @param into the flags to add them to
   * @throws ToolException with {@link ExitCode#USAGE} for an argument without {@code =}
   */
  public static void parseSets(Iterable<String> sets, Map<String, String> into) {
    for (String s : Objects.requireNonNull(sets, "sets")) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw ToolException.usage("--set needs key=value, got '" + s + "'");
      }
      into.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
  }
}
