package network.hermes.settler.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import network.hermes.promise.value.Address;
import network.hermes.settler.history.SettlementCsv;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.tools.Console;
import network.hermes.tools.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code settle history}: every settlement attempt. */
@Command(
    name = "history",
    description = {
      "Lists every settlement attempt, also as CSV.",
      "Amounts, fees, beneficiary, transaction and outcome, oldest first; of the given identity, or of all identities when none is given. --csv for a",
      "spreadsheet (amounts in wei)."
    })
final class HistoryCommand extends SettlerSubcommand {
  @Option(names = "--csv", description = "print CSV (RFC 4180) instead of text")
  boolean csv;

  @Override
  protected int run(SettlerSession s) {
    if (csv && options.json()) {
      throw ToolException.usage("--csv and --json exclude each other");
    }
    Address identity = s.hasIdentity() ? s.identityAddress().address() : null;
    List<SettlementRecord> records =
        s.history().all().stream()
            .filter(r -> identity == null || r.identity().equals(identity))
            .toList();
    if (csv) {
      s.console.raw(SettlementCsv.render(records));
      return 0;
    }
    ObjectNode doc = Console.object();
    ArrayNode list = doc.putArray("settlements");
    StringBuilder text = new StringBuilder();
    for (SettlementRecord r : records) {
      list.add(Views.record(r));
      text.append(Views.recordLine(r)).append('\n');
    }
    if (records.isEmpty()) {
      text.append("no settlements recorded in ").append(s.history().file()).append('\n');
    }
    s.console.result(doc, text.toString());
    return 0;
  }
}
