package network.hermes.topup.cli;

import java.util.Collections;
import java.util.Map;
import network.hermes.tools.ToolOptions;

/** The consumer tool's settings and their defaults (docs/topup.md lists them). */
final class TopUpSettings {
  private TopUpSettings() {}

  /** Environment variables of settings start with this. */
  static final String ENV_PREFIX = "HERMES_TOPUP_";

  /** Every setting with its default ("" for unset). */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = ToolOptions.commonDefaults("topup");
    d.put("route", "relay");
    d.put("send.confirmations", "");
    d.put("send.timeout-seconds", "600");
    d.put("relay.timeout-seconds", "300");
    d.put("policy.max-fee-share", "5");
    DEFAULTS = Collections.unmodifiableMap(d);
  }
}
