package network.hermes.topup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.topup.TopUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code topup balance}: the channel's balance on chain and at the hub. */
@Command(
    name = "balance",
    description = {
      "Prints the channel's balance, the hub's view and what is spendable.",
      "Prints the channel's MYST balance on chain, what the chain settled of its promises, the",
      "hub's view (data/consumer) and the spendable amount: balance - max(0, latest promise -",
      "settled), nothing while unregistered or exiting; and a pending exit with its remaining time."
    })
final class BalanceCommand extends TopUpSubcommand {
  @ParentCommand TopUpCommand parent;

  @Override
  TopUpCommand root() {
    return parent;
  }

  @Override
  int work(TopUpSession s) {
    TopUp.Balance b = s.topUp(s.config.isSet("hub.url")).balance(s.identityAddress().address());
    ObjectNode doc = Console.object();
    doc.put("identity", b.identity().toChecksumHex());
    doc.put("channel", b.channel().toChecksumHex());
    doc.put("registered", b.registered());
    doc.put("balance", b.onChain().toBigInteger());
    doc.put("settled", b.settled().toBigInteger());
    ObjectNode hub = doc.putObject("hub");
    if (b.hub().isPresent()) {
      hub.put("balance", b.hub().get().balance().toBigInteger());
      hub.put("settled", b.hub().get().settled().toBigInteger());
      hub.put(
          "latestPromise",
          b.hub().get().latestPromise() == null
              ? null
              : b.hub().get().latestPromise().amount().toBigInteger());
    } else {
      hub.put(
          "error",
          b.hubError() == null ? "the hub knows no channel of this identity" : b.hubError());
    }
    if (b.spendable().isPresent()) {
      doc.put("spendable", b.spendable().get().toBigInteger());
    } else {
      doc.putNull("spendable");
    }
    ObjectNode exit = doc.putObject("exit");
    exit.put("pending", b.exit().pending());
    if (b.exit().pending()) {
      exit.put("beneficiary", b.exit().beneficiary().toChecksumHex());
      exit.put("timelock", b.exit().timelock());
      exit.put("remainingSeconds", b.exit().remaining().toSeconds());
    }
    StringBuilder text =
        new StringBuilder()
            .append("identity ")
            .append(b.identity().toChecksumHex())
            .append(b.registered() ? " (registered)" : " (not registered)")
            .append("\n  channel ")
            .append(b.channel().toChecksumHex())
            .append(": ")
            .append(Amounts.myst(b.onChain()))
            .append(" on chain, ")
            .append(Amounts.myst(b.settled()))
            .append(" settled to the hub\n  the hub: ");
    if (b.hub().isPresent()) {
      text.append(Amounts.myst(b.hub().get().balance()))
          .append(" available, latest promise ")
          .append(
              Amounts.myst(
                  b.hub().get().latestPromise() == null
                      ? network.hermes.promise.value.TokenAmount.ZERO
                      : b.hub().get().latestPromise().amount()));
    } else {
      text.append(b.hubError() == null ? "knows no channel of this identity" : b.hubError());
    }
    text.append("\n  spendable: ")
        .append(
            b.spendable().map(Amounts::myst).orElse("unknown (the hub holds the latest promise)"))
        .append("\n  exit: ")
        .append(TopUp.describe(b.exit()))
        .append('\n');
    s.console.result(doc, text.toString());
    return 0;
  }
}
