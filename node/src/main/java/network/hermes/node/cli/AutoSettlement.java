package network.hermes.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import network.hermes.contracts.chain.Web3jChainClient;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.node.provider.SettlementTrigger;
import network.hermes.node.store.Earnings;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.crypto.Signer;
import network.hermes.settler.Route;
import network.hermes.settler.chain.Web3jSettlerChain;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.hub.HubClientSettlerHub;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.settle.AutoSettler;
import network.hermes.settler.settle.Backoff;
import network.hermes.settler.settle.Settler;

/**
 * The provider's automatic settlement with a chain at hand: provider-settler's auto-settler over
 * the earnings store the provider writes, with its smart-settle policy, sending through the hub's
 * relay (the provider needs no native coin).
 */
final class AutoSettlement implements SettlementTrigger {
  private final AutoSettler settler;
  private final Signer identity;

  private AutoSettlement(AutoSettler settler, Signer identity) {
    this.settler = settler;
    this.identity = identity;
  }

  static AutoSettlement start(
      Web3jChainClient chain,
      Deployment deployment,
      HubClient hub,
      Signer identity,
      Path dataDir,
      PrintWriter err) {
    Clock clock = Clock.systemUTC();
    SettlementHistory history = SettlementHistory.open(dataDir.resolve("settlements.jsonl"));
    Settler settler =
        new Settler(
            new Web3jSettlerChain(chain, deployment, null), // relayed: the provider pays no gas
            new HubClientSettlerHub(hub, clock, Duration.ofSeconds(1)),
            network.hermes.settler.store.EarningsStore.open(Earnings.storeDir(dataDir)),
            history,
            SettlePolicy.defaults(),
            Secp256k1s.getDefault(),
            clock,
            line -> log(err, "settle: " + line),
            Settler.Options.defaults());
    AutoSettler auto =
        new AutoSettler(
            settler,
            history,
            Route.RELAY,
            new Backoff(Duration.ofMinutes(1), Duration.ofHours(1)),
            clock,
            evaluation -> {
              if (evaluation.status() != AutoSettler.Status.WAITING) {
                log(err, "auto-settle: " + evaluation.status() + ": " + evaluation.message());
              }
            });
    return new AutoSettlement(auto, identity);
  }

  private static void log(PrintWriter err, String line) {
    synchronized (err) {
      err.println(line);
      err.flush();
    }
  }

  @Override
  public void earned() {
    settler.evaluateLater(identity);
  }

  @Override
  public void exhausted() {
    Thread.ofVirtual().name("settle-now").start(() -> settler.settleNow(identity));
  }
}
