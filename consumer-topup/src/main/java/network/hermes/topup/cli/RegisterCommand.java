package network.hermes.topup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.Route;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.topup.TopUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code topup register}: registers the identity once its channel holds enough. */
@Command(
    name = "register",
    description = {
      "Registers the identity once its channel holds stake + fee.",
      "Registers the identity, which deploys its channel: through the hub's relay (default; the",
      "relay's fee is taken from the channel, no native coin needed) or directly (--route direct:",
      "the wallet pays the gas). Refused while the channel holds less than stake + fee. Waits for",
      "the outcome and checks the Registry."
    })
final class RegisterCommand extends TopUpSubcommand {
  @ParentCommand TopUpCommand parent;

  @Option(names = "--route", description = "relay (default) or direct")
  String route;

  @Option(names = "--stake", description = "open a provider channel with this stake (default 0)")
  String stake;

  @Option(names = "--beneficiary", description = "payout address (default: the channel itself)")
  String beneficiary;

  @Override
  TopUpCommand root() {
    return parent;
  }

  @Override
  int work(TopUpSession s) {
    Route r = s.route(route);
    TokenAmount st = stake == null ? TokenAmount.ZERO : Amounts.parse(stake);
    Address payee =
        beneficiary == null ? Address.ZERO : TopUpSession.address(beneficiary, "--beneficiary");
    var identity = s.identity();
    var wallet = r == Route.DIRECT ? s.walletKey() : null;
    TopUp.Registration reg = s.topUp(r == Route.RELAY).register(identity, r, st, payee, wallet);
    ObjectNode doc = Console.object();
    doc.put("identity", reg.identity().toChecksumHex());
    doc.put("route", r.name().toLowerCase(Locale.ROOT));
    doc.put("fee", reg.fee().toBigInteger());
    doc.put("txHash", reg.txHash().toHex());
    doc.put("channelBalance", reg.channelBalance().toBigInteger());
    s.console.result(
        doc,
        "registered "
            + reg.identity().toChecksumHex()
            + " in "
            + reg.txHash()
            + (r == Route.RELAY ? " (relay fee " + Amounts.myst(reg.fee()) + ")" : "")
            + "\n  channel balance: "
            + Amounts.myst(reg.channelBalance()));
    return 0;
  }
}
