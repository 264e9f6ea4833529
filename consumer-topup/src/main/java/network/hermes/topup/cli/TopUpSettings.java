package network.hermes.topup.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import network.hermes.tools.ToolSession;

/** The consumer tool's settings and their defaults (docs/topup.md lists them). */
final class TopUpSettings {
  private TopUpSettings() {}

  /** Environment variables of settings start with this. */
  static final String ENV_PREFIX = "HERMES_TOPUP_";

  /** Every setting with its default ("" for unset). */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    String home = ToolSession.home();
    d.put("chain.rpc-url", "");
    d.put("chain.deployment", "");
    d.put("hub.url", "");
    d.put("data.dir", Path.of(home, ".hermes", "topup").toString());
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
    d.put("route", "relay");
    d.put("send.confirmations", "");
    d.put("send.timeout-seconds", "600");
    d.put("relay.timeout-seconds", "300");
    d.put("policy.max-fee-share", "5");
    DEFAULTS = Collections.unmodifiableMap(d);
  }
}
