package network.hermes.hub.config;

import network.hermes.contracts.keys.Keystore;
import network.hermes.promise.crypto.PrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the hub's keys come from: V3 keystores in production, hex keys for development only. */
public final class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

  /** A fixed development key: the operator of the offline dev chain only, never for real funds. */
  public static final String DEV_OPERATOR_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80";

  private SigningKeys() {}

  /**
   * The operator key: its keystore, else {@code operator.dev-key}, else (when {@code devAllowed})
   * the fixed development key.
   *
   * @throws IllegalArgumentException when no key is configured where one is needed, or the
   *     keystore's password is missing
   */
  public static PrivateKey operator(HubSettings.Operator s, boolean devAllowed) throws Exception {
    if (s.keystore() != null) {
      String password;
      if (s.passwordFile() != null) {
        password = HubSettings.readSecret(s.passwordFile());
      } else {
        password = System.getenv(s.passwordEnv());
        if (password == null) {
          throw new IllegalArgumentException(
              "the operator keystore needs a password: operator.password-file or the variable "
                  + s.passwordEnv());
        }
      }
      return Keystore.decrypt(s.keystore(), password);
    }
    if (s.devKey() == null && !devAllowed) {
      throw new IllegalArgumentException("with an RPC URL the hub needs operator.keystore");
    }
    LOG.warn("using a development operator key; never do this with real funds");
    return PrivateKey.fromHex(s.devKey() != null ? s.devKey() : DEV_OPERATOR_KEY);
  }

  /** The relay's sending key: its own keystore or dev key, else the operator's. */
  public static PrivateKey relay(HubSettings.Relay s, PrivateKey operatorKey) throws Exception {
    if (s.keystore() != null) {
      if (s.passwordFile() == null) {
        throw new IllegalArgumentException("relay.keystore needs relay.password-file");
      }
      return Keystore.decrypt(s.keystore(), HubSettings.readSecret(s.passwordFile()));
    }
    if (s.devKey() != null) {
      LOG.warn("using a development relay key; never do this with real funds");
      return PrivateKey.fromHex(s.devKey());
    }
    return operatorKey;
  }
}
