package network.hermes.topup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.topup.TopUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code topup send}: funds the identity's channel from a wallet. */
@Command(
    name = "send",
    description = {
      "Sends MYST from any wallet to the identity's channel.",
      "Sends MYST from a wallet (--wallet-keystore or, on a devnet, --wallet-dev-key; it need not",
      "be the identity, and pays the gas) to the identity's channel, waits for the confirmations",
      "(send.confirmations; by default 0 on a devnet, 32 on Polygon) and prints the balance on",
      "chain and as the hub sees it (when --hub-url is given and the hub follows the identity)."
    })
final class SendCommand extends TopUpSubcommand {
  @ParentCommand TopUpCommand parent;

  @Option(
      names = "--amount",
      required = true,
      description = "how much: MYST (e.g. 12.5) or wei (e.g. 1500wei)")
  String amount;

  @Option(
      names = "--mint",
      description =
          "devnets only: mint the amount into the channel instead (the wallet must be the token's"
              + " minter, the devnet's deployer, development key 0)")
  boolean mint;

  @Override
  TopUpCommand root() {
    return parent;
  }

  @Override
  int work(TopUpSession s) {
    TokenAmount value = Amounts.parse(amount);
    if (value.isZero()) {
      throw network.hermes.tools.ToolException.usage("--amount must be more than zero");
    }
    Address identity = s.identityAddress().address();
    if (mint && !network.hermes.tools.Keys.isDevnet(s.deployment().chainId())) {
      throw network.hermes.tools.ToolException.usage(
          "--mint is for devnets only (chain 31337 or 1337)");
    }
    var wallet = s.walletKey();
    TopUp topUp = s.topUp(s.config.isSet("hub.url"));
    TopUp.Funding f =
        topUp.fund(
            wallet,
            identity,
            value,
            s.confirmations(),
            Duration.ofSeconds(s.config.getLong("send.timeout-seconds")),
            mint);
    ObjectNode doc = Console.object();
    doc.put("txHash", f.txHash().toHex());
    doc.put("channel", f.channel().toChecksumHex());
    doc.put("channelBalance", f.channelBalance().toBigInteger());
    StringBuilder text =
        new StringBuilder(
            (mint ? "minted " : "sent ")
                + Amounts.myst(value)
                + " to "
                + f.channel().toChecksumHex()
                + " in "
                + f.txHash()
                + "\n  channel balance on chain: "
                + Amounts.myst(f.channelBalance())
                + "\n");
    if (!s.config.isSet("hub.url")) {
      doc.putNull("hubBalance");
    } else if (f.hub().isPresent()) {
      doc.put("hubBalance", f.hub().get().balance().toBigInteger());
      text.append("  the hub sees: ")
          .append(Amounts.myst(f.hub().get().balance()))
          .append(" spendable\n");
    } else {
      doc.putNull("hubBalance");
      text.append(
          "  the hub does not follow this identity yet; it will once the identity registers\n");
    }
    s.console.result(doc, text.toString());
    return 0;
  }
}
