package network.hermes.topup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.topup.PaymentUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code topup address}: the identity's top-up address, computed offline. */
@Command(
    name = "address",
    description = {
      "Prints the identity's channel (top-up) address and a payment URI.",
      "Prints the identity's channel (top-up) address for the deployment's hub, computed offline",
      "(CREATE2: no chain or hub needed), and an EIP-681 payment URI any wallet understands.",
      "MYST sent there from any wallet or exchange counts, also before registration."
    })
final class AddressCommand extends TopUpSubcommand {
  @ParentCommand TopUpCommand parent;

  @Option(names = "--amount", description = "put this amount (MYST, or e.g. 1500wei) into the URI")
  String amount;

  @Override
  TopUpCommand root() {
    return parent;
  }

  @Override
  int work(TopUpSession s) {
    Address identity = s.identityAddress().address();
    var d = s.deployment();
    Address channel =
        network.hermes.promise.ids.ChannelIds.consumerChannelAddress(
            d.registry(), identity, d.hermesId(), d.channelImplementation());
    TokenAmount wanted = amount == null ? null : Amounts.parse(amount);
    String uri = PaymentUri.transfer(d.token(), d.chainId(), channel, wanted);
    ObjectNode doc = Console.object();
    doc.put("identity", identity.toChecksumHex());
    doc.put("channel", channel.toChecksumHex());
    doc.put("chainId", d.chainId().value());
    doc.put("token", d.token().toChecksumHex());
    doc.put("hermesId", d.hermesId().toChecksumHex());
    doc.put("uri", uri);
    s.console.result(
        doc,
        "top-up address of "
            + identity.toChecksumHex()
            + " at hub "
            + d.hermesId().toChecksumHex()
            + " (chain "
            + d.chainId()
            + "):\n  "
            + channel.toChecksumHex()
            + "\n  send MYST (token "
            + d.token().toChecksumHex()
            + ") there from any wallet\n  "
            + uri);
    return 0;
  }
}
