package network.hermes.topup.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.Route;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.store.EarningsStore;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.tools.Keys;
import network.hermes.tools.ToolConfig;
import network.hermes.tools.ToolException;
import network.hermes.tools.ToolSession;
import network.hermes.topup.TopUp;

/** A topup command's session: the tool session plus the {@link TopUp} library over it. */
final class TopUpSession extends ToolSession {
  TopUpSession(ToolConfig config, Console console, Map<String, String> env) {
    super(config, console, env);
  }

  /** The library; with the hub only when {@code withHub}. */
  TopUp topUp(boolean withHub) {
    Path data = Path.of(config.require("data.dir", "--data-dir"));
    SettlePolicy defaults = SettlePolicy.defaults();
    SettlePolicy policy =
        new SettlePolicy(
            defaults.maxUnsettled(),
            defaults.minAutoSettle(),
            config.getPercentAsBps("policy.max-fee-share"),
            defaults.stakedThresholdBps(),
            defaults.maxHubFeeBps());
    return new TopUp(
        chainClient(),
        deployment(),
        withHub ? hubClient() : null,
        EarningsStore.open(data.resolve("withdrawals")),
        SettlementHistory.open(data.resolve("history.jsonl")),
        policy,
        SECP,
        clock,
        console::progress,
        Duration.ofSeconds(config.getLong("relay.timeout-seconds")));
  }

  Route route(String override) {
    String value = override != null ? override : config.get("route");
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "relay" -> Route.RELAY;
      case "direct" -> Route.DIRECT;
      default -> throw ToolException.usage("the route is relay or direct, got '" + value + "'");
    };
  }

  /** Confirmations to wait for: the setting, else 0 on a devnet, 32 on Polygon, 12 elsewhere. */
  int confirmations() {
    if (config.isSet("send.confirmations")) {
      long n = config.getLong("send.confirmations");
      if (n < 0 || n > 10_000) {
        throw ToolException.usage("send.confirmations must be within 0..10000, got " + n);
      }
      return (int) n;
    }
    long chain = deployment().chainId().value();
    if (Keys.isDevnet(deployment().chainId())) {
      return 0;
    }
    return chain == 137 || chain == 80002 ? 32 : 12;
  }

  static TokenAmount amount(String text, String flag) {
    if (text == null) {
      throw ToolException.usage("missing " + flag);
    }
    return Amounts.parse(text);
  }

  static Address address(String text, String flag) {
    if (text == null) {
      throw ToolException.usage("missing " + flag);
    }
    try {
      Address a = Address.fromHex(text);
      if (a.equals(Address.ZERO)) {
        throw ToolException.usage(flag + " must not be the zero address");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw ToolException.usage(flag + " '" + text + "' is not an address");
    }
  }
}
