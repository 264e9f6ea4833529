package network.hermes.settler.cli;

import java.util.Map;
import network.hermes.tools.ToolOptions;

/** The settler's settings and their defaults (docs/settler.md lists them). */
final class SettlerSettings {
  private SettlerSettings() {}

  /** Environment variables of settings start with this. */
  static final String ENV_PREFIX = "HERMES_SETTLE_";

  /** Every setting with its default ("" for unset). */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = ToolOptions.commonDefaults("settler");
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
}
