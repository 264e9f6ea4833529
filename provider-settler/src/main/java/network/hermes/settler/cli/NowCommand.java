package network.hermes.settler.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import network.hermes.promise.value.Address;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.settle.Settler;
import network.hermes.tools.Amounts;
import network.hermes.tools.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code settle now}: settles the latest hub promise now. */
@Command(
    name = "now",
    aliases = "settle",
    description = {
      "Settles the latest hub promise now.",
      "To the registered beneficiary, to a new one",
      "(--beneficiary) or into the stake (--into-stake); sent by the hub's relay (paid in MYST)",
      "or directly (gas paid by the wallet, or the identity). It first has the hub re-sign the",
      "promise with the route's transactor fee, refuses when the fees are above the policy's",
      "limits or the contract would settle only part (--partial allows it), waits for the",
      "contract's PromiseSettled event and records the settlement in the history."
    })
final class NowCommand extends SettlerSubcommand {
  @Option(
      names = "--beneficiary",
      description = "set this payout address and pay it, in one transaction")
  String beneficiary;

  @Option(
      names = "--into-stake",
      description = "add the earnings to the stake instead of paying them out")
  boolean intoStake;

  @Option(
      names = "--route",
      description = "relay (default, fee in MYST) or direct (gas from the wallet)")
  String route;

  @Option(
      names = "--partial",
      description = "go ahead when the contract's per-settlement cap settles only part now")
  boolean partial;

  @Override
  protected int run(SettlerSession s) {
    if (beneficiary != null && intoStake) {
      throw ToolException.usage("--beneficiary and --into-stake exclude each other");
    }
    Address payee = null;
    if (beneficiary != null) {
      try {
        payee = Address.fromHex(beneficiary);
      } catch (IllegalArgumentException e) {
        throw ToolException.usage("--beneficiary '" + beneficiary + "' is not an address");
      }
      if (payee.equals(Address.ZERO)) {
        throw ToolException.usage("--beneficiary must not be the zero address");
      }
    }
    SettleKind kind =
        intoStake
            ? SettleKind.INTO_STAKE
            : payee != null ? SettleKind.WITH_BENEFICIARY : SettleKind.PLAIN;
    Route r = s.route(route);
    Settler settler = s.settler(r == Route.DIRECT);
    Settler.Settled done =
        settler.settle(new Settler.Request(s.identity(), kind, r, payee, partial));
    ObjectNode doc = Views.record(done.record());
    doc.set("plan", Views.plan(done.plan()));
    String text =
        String.format(
            "settled %s of %s unsettled in transaction %s%n"
                + "  %s %s, fees %s (hub %s, transactor %s)%s%n",
            Amounts.myst(done.plan().toSettle()),
            Amounts.myst(done.plan().unsettled()),
            done.record().txHash(),
            kind == SettleKind.INTO_STAKE
                ? "added to the stake:"
                : "paid to " + done.record().beneficiary().toChecksumHex() + ":",
            Amounts.myst(done.event().amountSentToBeneficiary()),
            Amounts.myst(done.event().fees()),
            Amounts.myst(done.plan().hubFee()),
            Amounts.myst(done.plan().transactorFee()),
            done.plan().partial()
                ? String.format(
                    "%n  %s stays for a later settlement (the contract's cap)",
                    Amounts.myst(done.plan().remainder()))
                : "");
    s.console.result(doc, text);
    return 0;
  }
}
