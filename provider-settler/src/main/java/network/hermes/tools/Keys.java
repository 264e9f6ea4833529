package network.hermes.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import network.hermes.contracts.keys.Keystore;
import network.hermes.contracts.keys.KeystoreException;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * Where the tools get a key: a V3 keystore file, an identity's address looked up in the keystore
 * folder, or (on a devnet only) a raw development key. The keystore's password comes from a file or
 * an environment variable, never from the command line.
 *
 * <p>Settings of a role ({@code identity} or {@code wallet}): {@code <role>.keystore}, {@code
 * <role>.address}, {@code <role>.password-file}, {@code <role>.password-env} and {@code
 * <role>.dev-key}; the folder is {@code keystore.dir}.
 */
public final class Keys {
  private Keys() {}

  /**
   * Whether a chain is a local development chain, where development keys may be used.
   *
   * @param chainId the chain
   * @return true for 31337 (anvil, Hardhat) and 1337 (Ganache, geth --dev)
   */
  public static boolean isDevnet(ChainId chainId) {
    return chainId.value() == 31337 || chainId.value() == 1337;
  }

  /**
   * Whether the role has a key configured at all.
   *
   * @param config the settings
   * @param role {@code identity} or {@code wallet}
   * @return true when a keystore, an address or a development key is set
   */
  public static boolean configured(ToolConfig config, String role) {
    return config.isSet(role + ".keystore")
        || config.isSet(role + ".address")
        || config.isSet(role + ".dev-key");
  }

  /**
   * Loads the role's key.
   *
   * @param config the settings
   * @param role {@code identity} or {@code wallet}
   * @param flag how the user names the role on the command line, for messages
   * @param chainId the chain, to refuse development keys elsewhere
   * @param env the environment (for the password variable)
   * @return the key
   * @throws ToolException with {@link ExitCode#KEY} for an unknown identity, a missing or wrong
   *     password or an unreadable keystore; {@link ExitCode#USAGE} for a development key off a
   *     devnet or a malformed one
   */
  public static PrivateKey load(
      ToolConfig config, String role, String flag, ChainId chainId, Map<String, String> env) {
    if (config.isSet(role + ".dev-key")) {
      if (!isDevnet(chainId)) {
        throw ToolException.usage(
            "a development key is for devnets only (chain 31337 or 1337); this deployment is on"
                + " chain "
                + chainId
                + ": use a keystore");
      }
      try {
        return PrivateKey.fromHex(config.get(role + ".dev-key").trim());
      } catch (IllegalArgumentException e) {
        throw ToolException.usage("the development key is malformed: " + e.getMessage());
      }
    }
    Path file = keystoreFile(config, role, flag);
    String password = password(config, role, file, env);
    try {
      return Keystore.decrypt(file, password);
    } catch (KeystoreException e) {
      throw new ToolException(ExitCode.KEY, e.getMessage(), e);
    }
  }

  /**
   * The role's keystore file (a named file, or the one of the named address in the folder).
   *
   * @param config the settings
   * @param role the role
   * @param flag how the user names the role
   * @return the file
   * @throws ToolException with {@link ExitCode#KEY} when none is configured or found
   */
  public static Path keystoreFile(ToolConfig config, String role, String flag) {
    if (config.isSet(role + ".keystore")) {
      Path file = Path.of(config.get(role + ".keystore").trim());
      if (!Files.isRegularFile(file)) {
        throw new ToolException(ExitCode.KEY, "keystore " + file + " does not exist");
      }
      return file;
    }
    if (!config.isSet(role + ".address")) {
      throw new ToolException(ExitCode.KEY, "no key given: " + flag);
    }
    Address address;
    try {
      address = Address.fromHex(config.get(role + ".address").trim());
    } catch (IllegalArgumentException e) {
      throw ToolException.usage("'" + config.get(role + ".address") + "' is not an address");
    }
    Path dir = keystoreDir(config);
    return find(dir, address)
        .orElseThrow(
            () ->
                new ToolException(
                    ExitCode.KEY,
                    "unknown identity "
                        + address.toChecksumHex()
                        + ": no keystore for it in "
                        + dir));
  }

  /**
   * The keystore folder.
   *
   * @param config the settings
   * @return {@code keystore.dir}
   */
  public static Path keystoreDir(ToolConfig config) {
    return Path.of(config.require("keystore.dir", "--keystore-dir"));
  }

  /**
   * The keystore of an address in a folder: {@code <address>.json} first, else any file declaring
   * that address.
   *
   * @param dir the folder
   * @param address the address
   * @return the file, or empty
   */
  public static java.util.Optional<Path> find(Path dir, Address address) {
    Path named = dir.resolve(address.toHex() + ".json");
    if (Files.isRegularFile(named)) {
      return java.util.Optional.of(named);
    }
    if (!Files.isDirectory(dir)) {
      return java.util.Optional.empty();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && address.equals(declared(f))) {
          return java.util.Optional.of(f);
        }
      }
    } catch (IOException e) {
      throw new ToolException(ExitCode.KEY, "cannot list the keystore folder " + dir + ": " + e, e);
    }
    return java.util.Optional.empty();
  }

  /** The address a file declares, or null when it is not a keystore. */
  static Address declared(Path file) {
    try {
      return Keystore.address(file);
    } catch (KeystoreException e) {
      return null;
    }
  }

  /**
   * The password of a role's keystore: from {@code <role>.password-file}, else from the variable
   * named by {@code <role>.password-env}.
   *
   * @param config the settings
   * @param role the role
   * @param file the keystore, for the message
   * @param env the environment
   * @return the password
   * @throws ToolException with {@link ExitCode#KEY} when neither gives one
   */
  public static String password(
      ToolConfig config, String role, Path file, Map<String, String> env) {
    if (config.isSet(role + ".password-file")) {
      Path p = Path.of(config.get(role + ".password-file").trim());
      try {
        return stripNewline(Files.readString(p, StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        throw new ToolException(ExitCode.KEY, "password file " + p + " does not exist");
      } catch (IOException e) {
        throw new ToolException(ExitCode.KEY, "cannot read password file " + p + ": " + e, e);
      }
    }
    String variable = config.get(role + ".password-env").trim();
    String fromEnv = variable.isEmpty() ? null : env.get(variable);
    if (fromEnv == null) {
      throw new ToolException(
          ExitCode.KEY,
          "keystore "
              + file.getFileName()
              + " needs its password: a password file, or the environment variable "
              + variable);
    }
    return fromEnv;
  }

  /** A password file's content without the one newline editors add at its end. */
  static String stripNewline(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
