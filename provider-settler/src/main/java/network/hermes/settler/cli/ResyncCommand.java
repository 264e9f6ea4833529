package network.hermes.settler.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.settle.Resync;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import picocli.CommandLine.Command;

/** {@code settle resync}: brings the local store and the hub back to the same latest promise. */
@Command(
    name = "resync",
    description = {
      "Brings this store and the hub back to the same latest promise.",
      "After either side lost state: gives the hub the stored promise back (provider/sync_promise)",
      "when it has less, or has it re-issue its latest amount under a fresh R (refresh_promise) when",
      "the store has less or nothing; every promise is checked against the hub operator's key."
    })
final class ResyncCommand extends SettlerSubcommand {
  @Override
  protected int run(SettlerSession s) {
    Resync.Result r = s.resync().resync(s.identityKey(), ChannelKind.EARNINGS);
    ObjectNode doc = Console.object();
    doc.put("action", r.action().name().toLowerCase(Locale.ROOT));
    Views.put(doc, "localBefore", r.localBefore());
    Views.put(doc, "hubBefore", r.hubBefore());
    Views.put(doc, "settled", r.settled());
    Views.put(doc, "stored", r.stored().map(p -> p.promise().amount()).orElse(null));
    String what =
        switch (r.action()) {
          case NOTHING -> "neither the hub nor this store has a promise";
          case IN_SYNC -> "the hub and this store hold the same latest promise";
          case SYNCED_TO_HUB ->
              "the hub had " + Amounts.myst(r.hubBefore()) + "; it has the stored promise back";
          case RECOVERED_FROM_HUB ->
              "recovered the hub's latest promise of "
                  + Amounts.myst(r.hubBefore())
                  + " under a fresh R";
          case REALIGNED -> "the hub's latest promise is the stored one again";
        };
    s.console.result(
        doc,
        what
            + String.format(
                "%n  stored %s, settled on chain %s%n",
                r.stored().map(p -> Amounts.myst(p.promise().amount())).orElse("nothing"),
                Amounts.myst(r.settled())));
    return 0;
  }
}
