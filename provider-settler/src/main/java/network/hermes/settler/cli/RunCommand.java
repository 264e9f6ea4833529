package network.hermes.settler.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import network.hermes.contracts.chain.ChainException;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Route;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.settle.AutoSettler;
import network.hermes.settler.settle.HubCallException;
import network.hermes.settler.settle.Resync;
import network.hermes.settler.settle.SettlementRefusedException;
import network.hermes.settler.settle.Settler;
import network.hermes.tools.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code settle run}: the daemon that settles by policy. */
@Command(
    name = "run",
    description = {
      "Settles by policy until stopped (the daemon).",
      "Until Ctrl-C or SIGTERM, every run.interval-seconds it looks at",
      "the earnings and settles when the policy says so (upstream's smart-settle thresholds,",
      "policy.* settings). A failed settlement is retried after run.retry-base-seconds, doubling up",
      "to run.retry-max-seconds; the wait is counted from the history, so it survives restarts. On",
      "start it finishes settlements a restart interrupted and resynchronises with the hub.",
      "Prints a line whenever the state changes."
    })
final class RunCommand extends SettlerSubcommand {
  @Option(names = "--route", description = "relay (default) or direct")
  String route;

  @Option(names = "--once", description = "look once and exit (for cron and tests)")
  boolean once;

  @Option(names = "--no-resync", description = "skip the resynchronisation with the hub on start")
  boolean noResync;

  @Override
  protected int run(SettlerSession s) throws InterruptedException {
    Route r = s.route(route);
    KeySigner identity = s.identity();
    Settler settler = s.settler(r == Route.DIRECT);
    Duration interval = Duration.ofSeconds(Math.max(1, s.config.getLong("run.interval-seconds")));
    s.console.progress(
        "settling "
            + identity.address().toChecksumHex()
            + " at hub "
            + s.deployment().hermesId().toChecksumHex()
            + " by policy, via "
            + r.name().toLowerCase(Locale.ROOT)
            + (once ? ", once" : ", every " + interval.toSeconds() + " s"));
    for (SettlementRecord p : settler.resolvePending()) {
      s.console.progress(
          "earlier settlement "
              + p.id()
              + ": "
              + p.outcome().name().toLowerCase(Locale.ROOT)
              + (p.error() == null ? "" : " (" + p.error() + ")"));
    }
    if (!noResync) {
      try {
        Resync.Result result = s.resync().resync(s.identityKey(), ChannelKind.EARNINGS);
        s.console.progress(
            "resync with the hub: " + result.action().name().toLowerCase(Locale.ROOT));
      } catch (HubCallException | ChainException | SettlementRefusedException e) {
        s.console.progress(
            "resync with the hub failed, going on with the stored promise: " + e.getMessage());
      }
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              s.console.progress("stopping");
              stop.countDown();
              try {
                stopped.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "settle-stop");
    if (!once) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    AutoSettler auto = new AutoSettler(settler, s.history(), r, s.backoff(), s.clock, e -> {});
    String last = null;
    try {
      do {
        AutoSettler.Evaluation e = auto.evaluate(identity);
        String line = e.status().name().toLowerCase(Locale.ROOT) + ": " + e.message();
        if (!line.equals(last) || e.status() == AutoSettler.Status.SETTLED) {
          report(s, e, line);
          last = line;
        }
      } while (!once && !stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
      if (!once) {
        s.console.progress("stopped");
      }
    } catch (RuntimeException | InterruptedException | Error e) {
      s.console.progress("stopped by " + e);
      throw e;
    } finally {
      auto.close();
      stopped.countDown();
    }
    return 0;
  }

  private static void report(SettlerSession s, AutoSettler.Evaluation e, String line) {
    if (s.console.json()) {
      var doc = Console.object();
      doc.put("status", e.status().name().toLowerCase(Locale.ROOT));
      doc.put("message", e.message());
      e.retryAt().ifPresent(t -> doc.put("retryAt", t.toString()));
      e.settled().ifPresent(x -> doc.set("settlement", Views.record(x.record())));
      s.console.result(doc, line);
    } else {
      s.console.progress(line);
    }
  }
}
