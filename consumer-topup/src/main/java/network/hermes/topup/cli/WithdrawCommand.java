package network.hermes.topup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import network.hermes.promise.value.Address;
import network.hermes.settler.Route;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.tools.ToolException;
import network.hermes.topup.TopUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code topup withdraw}: gets the channel's money back, through the hub or without it. */
@Command(
    name = "withdraw",
    description = {
      "Gets the channel's money back, through the hub or by the unilateral exit.",
      "Gets the channel's money back. Through the hub (default): pay-and-settle, a self-payment",
      "the hub promises back on the withdrawal channel, settled to --to without hub fee (relay or",
      "direct). Without the hub: --exit requests the channel's time-locked unilateral exit (the",
      "wallet sends it), and --finalize, once the delay has passed, sends the whole balance to the",
      "exit's beneficiary; the remaining time is shown."
    })
final class WithdrawCommand extends TopUpSubcommand {
  @ParentCommand TopUpCommand parent;

  @Option(names = "--to", description = "where the money goes (required, except with --finalize)")
  String to;

  @Option(names = "--amount", description = "how much (default: everything available)")
  String amount;

  @Option(
      names = "--route",
      description = "relay (default) or direct, for a withdrawal through the hub")
  String route;

  @Option(names = "--exit", description = "request the unilateral exit instead (no hub needed)")
  boolean exit;

  @Option(names = "--finalize", description = "finalise a requested exit once its delay has passed")
  boolean finalize;

  @Override
  TopUpCommand root() {
    return parent;
  }

  @Override
  int work(TopUpSession s) {
    if (exit && finalize) {
      throw ToolException.usage("--exit and --finalize exclude each other");
    }
    if ((exit || finalize) && (amount != null || route != null)) {
      throw ToolException.usage(
          "an exit takes the whole balance and is sent by the wallet: no --amount or --route");
    }
    if (finalize) {
      TopUp.Finalized f = s.topUp(false).finalizeExit(s.identityAddress().address(), s.walletKey());
      ObjectNode doc = Console.object();
      doc.put("txHash", f.txHash().toHex());
      doc.put("beneficiary", f.beneficiary().toChecksumHex());
      doc.put("paid", f.paid().toBigInteger());
      s.console.result(
          doc,
          "exit finalised in "
              + f.txHash()
              + ": "
              + Amounts.myst(f.paid())
              + " paid to "
              + f.beneficiary().toChecksumHex());
      return 0;
    }
    Address payee = TopUpSession.address(to, "--to");
    if (exit) {
      TopUp.ExitState state = s.topUp(false).requestExit(s.identity(), payee, s.walletKey());
      ObjectNode doc = Console.object();
      doc.put("pending", state.pending());
      doc.put("beneficiary", state.beneficiary().toChecksumHex());
      doc.put("timelock", state.timelock());
      doc.put("remainingSeconds", state.remaining().toSeconds());
      s.console.result(
          doc,
          "exit requested: "
              + TopUp.describe(state)
              + "\n  finalise it then with: topup withdraw --finalize");
      return 0;
    }
    Route r = s.route(route);
    TopUp.Withdrawal w =
        s.topUp(true)
            .withdraw(
                s.identityKey(),
                amount == null ? null : Amounts.parse(amount),
                payee,
                r,
                r == Route.DIRECT ? s.walletKey() : null);
    var record = w.settled().record();
    ObjectNode doc = Console.object();
    doc.put("resumed", w.resumed());
    doc.put("txHash", record.txHash());
    doc.put("beneficiary", record.beneficiary().toChecksumHex());
    doc.put("withdrawn", w.settled().plan().toSettle().toBigInteger());
    doc.put("transactorFee", w.settled().plan().transactorFee().toBigInteger());
    doc.put("received", w.settled().event().amountSentToBeneficiary().toBigInteger());
    s.console.result(
        doc,
        (w.resumed() ? "finished an earlier withdrawal: " : "withdrew ")
            + Amounts.myst(w.settled().plan().toSettle())
            + " in "
            + record.txHash()
            + "\n  "
            + Amounts.myst(w.settled().event().amountSentToBeneficiary())
            + " to "
            + record.beneficiary().toChecksumHex()
            + " (transactor fee "
            + Amounts.myst(w.settled().plan().transactorFee())
            + ", no hub fee)");
    return 0;
  }
}
