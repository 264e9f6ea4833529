package network.hermes.settler.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.settler.Route;
import network.hermes.settler.chain.Web3jSettlerChain;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.hub.HubClientSettlerHub;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.settle.Backoff;
import network.hermes.settler.settle.Resync;
import network.hermes.settler.settle.Settler;
import network.hermes.settler.settle.SettlerHub;
import network.hermes.settler.store.EarningsStore;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.tools.ToolConfig;
import network.hermes.tools.ToolException;
import network.hermes.tools.ToolSession;

/** A settler command's session: the tool session plus store, history and settlement path. */
final class SettlerSession extends ToolSession {
  private EarningsStore store;
  private SettlementHistory history;

  SettlerSession(ToolConfig config, Console console, Map<String, String> env) {
    super(config, console, env);
  }

  SettlerHub hub() {
    return new HubClientSettlerHub(
        hubClient(), clock, Duration.ofMillis(config.getLong("relay.poll-ms")));
  }

  /** The key that pays gas for direct settlements: the wallet if configured, else the identity. */
  PrivateKey senderKey() {
    return hasWallet() ? walletKey() : identityKey();
  }

  EarningsStore store() {
    if (store == null) {
      store = EarningsStore.open(dataDir().resolve("earnings"));
    }
    return store;
  }

  SettlementHistory history() {
    if (history == null) {
      history = SettlementHistory.open(dataDir().resolve("history.jsonl"));
    }
    return history;
  }

  private Path dataDir() {
    return Path.of(config.require("data.dir", "--data-dir"));
  }

  Route route(String override) {
    String value = override != null ? override : config.get("settle.route");
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "relay" -> Route.RELAY;
      case "direct" -> Route.DIRECT;
      default -> throw ToolException.usage("the route is relay or direct, got '" + value + "'");
    };
  }

  SettlePolicy policy() {
    try {
      return new SettlePolicy(
          Amounts.parse(config.get("policy.max-unsettled")),
          Amounts.parse(config.get("policy.min-auto-settle")),
          config.getPercentAsBps("policy.max-fee-share"),
          config.getPercentAsBps("policy.staked-threshold"),
          config.getPercentAsBps("policy.max-hub-fee"));
    } catch (IllegalArgumentException e) {
      throw ToolException.usage("the settlement policy is inconsistent: " + e.getMessage());
    }
  }

  /**
   * The settlement path; direct settlements are sent from the sender key only when {@code
   * needsSender}.
   */
  Settler settler(boolean needsSender) {
    Web3jSettlerChain chain =
        new Web3jSettlerChain(chainClient(), deployment(), needsSender ? senderKey() : null);
    Duration relayTimeout = Duration.ofSeconds(config.getLong("relay.timeout-seconds"));
    return new Settler(
        chain,
        hub(),
        store(),
        history(),
        policy(),
        SECP,
        clock,
        console::progress,
        new Settler.Options(relayTimeout, Duration.ofMinutes(1), Duration.ofMillis(500)));
  }

  Resync resync() {
    return new Resync(
        new Web3jSettlerChain(chainClient(), deployment(), null),
        hub(),
        store(),
        SECP,
        new SecureRandom(),
        console::progress);
  }

  Backoff backoff() {
    try {
      return new Backoff(
          Duration.ofSeconds(config.getLong("run.retry-base-seconds")),
          Duration.ofSeconds(config.getLong("run.retry-max-seconds")));
    } catch (IllegalArgumentException e) {
      throw ToolException.usage(
          "run.retry-base-seconds and run.retry-max-seconds: " + e.getMessage());
    }
  }
}
