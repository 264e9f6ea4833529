package network.hermes.settler.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.settle.HubCallException;
import network.hermes.settler.settle.SettlementRefusedException;
import network.hermes.settler.settle.Settler;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.tools.Amounts;
import network.hermes.tools.Console;
import network.hermes.tools.ToolSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code settle status}: the provider's earnings per hub and what settling them would give now. */
@Command(
    name = "status",
    description = {
      "Shows the earnings per hub and what settling them would give now.",
      "The latest hub promise (its signature checked against the hub operator), what the chain",
      "settled, the unsettled rest, stake and beneficiary, the hub's own view, and what a",
      "settlement would cost now (hub fee, transactor fee) and pay."
    })
final class StatusCommand extends SettlerSubcommand {
  @Option(
      names = "--route",
      description = "price a settlement sent by: relay or direct (settle.route)")
  String route;

  @Override
  protected int run(SettlerSession s) {
    Deployment d = s.deployment();
    network.hermes.promise.crypto.Signer reader = s.identityAddress();
    Address identity = reader.address();
    Settler settler = s.settler(false);
    HermesState hermes = settler.chain().hermes();
    Route chosen = s.route(route);
    SettlePolicy policy = settler.policy();
    ObjectNode doc = Console.object();
    doc.put("identity", identity.toHex());
    ArrayNode hubs = doc.putArray("hubs");
    StringBuilder text = new StringBuilder("identity " + identity.toChecksumHex() + "\n");

    Bytes32 channelId = ChannelKind.EARNINGS.channelId(identity, d.hermesId());
    Optional<EarnedPromise> stored = s.store().latest(d.chainId(), d.hermesId(), channelId);
    ProviderChannelState channel = settler.chain().channel(channelId);
    Address beneficiary = settler.chain().beneficiary(identity);
    ObjectNode hub = hubs.addObject();
    hub.put("chainId", d.chainId().value());
    hub.put("hermesId", d.hermesId().toHex());
    hub.put("channelId", channelId.toHex());
    hub.put("configured", true);
    Views.put(hub, "settled", channel.settled());
    Views.put(hub, "stake", channel.stake());
    hub.put("beneficiary", beneficiary.toHex());
    hub.put("hubFeeBps", hermes.activeFeeBps());
    hub.put("hubStatus", hermes.status().name().toLowerCase(java.util.Locale.ROOT));
    text.append(
        String.format(
            "hub %s on chain %s (fee %s, %s)%n  settled on chain %s, stake %s, beneficiary %s%n",
            d.hermesId().toChecksumHex(),
            d.chainId(),
            SettlePolicy.percent(hermes.activeFeeBps()),
            hermes.status().name().toLowerCase(java.util.Locale.ROOT),
            Amounts.myst(channel.settled()),
            Amounts.myst(channel.stake()),
            beneficiary.equals(Address.ZERO)
                ? "none (not registered)"
                : beneficiary.toChecksumHex()));

    if (stored.isPresent()) {
      Promise p = stored.get().promise();
      boolean valid = p.isSignedBy(hermes.operator(), ToolSession.SECP);
      ObjectNode promise = hub.putObject("promise");
      Views.put(promise, "amount", p.amount());
      Views.put(promise, "fee", p.fee());
      promise.put("hashlock", p.hashlock().toHex());
      promise.put("signedByOperator", valid);
      text.append(
          String.format(
              "  latest hub promise %s (fee %s), signature %s%n",
              Amounts.myst(p.amount()),
              Amounts.myst(p.fee()),
              valid
                  ? "valid (hub operator " + hermes.operator().toChecksumHex() + ")"
                  : "NOT by the hub operator"));
    } else {
      hub.putNull("promise");
      text.append("  no hub promise stored here (settle resync recovers it from the hub)\n");
    }

    try {
      Optional<Promise> hubs_ = s.hub().latestPromise(identity, d.chainId(), ChannelKind.EARNINGS);
      ObjectNode view = hub.putObject("hubView");
      Views.put(view, "amount", hubs_.map(Promise::amount).orElse(null));
      boolean inSync =
          stored
              .map(
                  e ->
                      hubs_.isPresent()
                          && e.promise().amount().equals(hubs_.get().amount())
                          && e.promise().hashlock().equals(hubs_.get().hashlock()))
              .orElse(hubs_.isEmpty());
      view.put("inSync", inSync);
      text.append(
          "  the hub's latest: "
              + hubs_.map(x -> Amounts.myst(x.amount())).orElse("none")
              + (inSync ? " (in sync)" : " (out of sync: run settle resync)")
              + "\n");
    } catch (HubCallException e) {
      hub.putObject("hubView").put("error", e.getMessage());
      text.append(
          "  the hub: "
              + (e.isUnreachable() ? "unreachable" : "refused")
              + " ("
              + e.getMessage()
              + ")\n");
      if (e.isUnreachable() && chosen == Route.RELAY) {
        chosen = Route.DIRECT;
        text.append("  (priced as a direct settlement: the relay's quote needs the hub)\n");
      }
    }

    if (stored.isPresent()) {
      Settler.Request request = new Settler.Request(reader, SettleKind.PLAIN, chosen, null, false);
      try {
        Settler.Preview preview = settler.preview(request);
        ObjectNode now = Views.plan(preview.plan());
        now.put("route", chosen.name().toLowerCase(java.util.Locale.ROOT));
        now.put("payee", preview.payee().toHex());
        preview
            .refusal()
            .ifPresent(
                r ->
                    now.putObject("refusal")
                        .put("reason", r.reason().name())
                        .put("message", r.message()));
        hub.set("settlement", now);
        var auto =
            policy.autoSettle(
                preview.plan().promiseAmount(),
                preview.plan().settled(),
                preview.plan().stake(),
                preview.plan().transactorFee());
        hub.putObject("autoSettle").put("due", auto.settle()).put("reason", auto.reason());
        if (preview.plan().unsettled().isZero()) {
          text.append("  nothing unsettled: the chain has settled the whole promise\n");
        } else {
          text.append(
              "  settling now via " + chosen.name().toLowerCase(java.util.Locale.ROOT) + ":\n");
          text.append(Views.planText(preview.plan()));
          preview
              .refusal()
              .ifPresent(r -> text.append("  would be refused: " + r.message() + "\n"));
        }
        text.append(
            "  automatic settlement: "
                + (auto.settle() ? "due" : "not due")
                + " ("
                + auto.reason()
                + ")\n");
      } catch (SettlementRefusedException e) {
        hub.putObject("settlement")
            .putObject("refusal")
            .put("reason", e.reason().name())
            .put("message", e.getMessage());
        text.append("  a settlement would be refused: " + e.getMessage() + "\n");
      } catch (HubCallException e) {
        hub.putObject("settlement").put("error", e.getMessage());
        text.append("  cannot price a settlement: " + e.getMessage() + "\n");
      }
    }

    List<EarnedPromise> others =
        s.store().all().stream()
            .filter(e -> e.identity().equals(identity) && e.kind() == ChannelKind.EARNINGS)
            .filter(e -> !(e.hermesId().equals(d.hermesId()) && e.chainId().equals(d.chainId())))
            .toList();
    for (EarnedPromise e : others) {
      ObjectNode other = hubs.addObject();
      other.put("chainId", e.chainId().value());
      other.put("hermesId", e.hermesId().toHex());
      other.put("channelId", e.channelId().toHex());
      other.put("configured", false);
      ObjectNode promise = other.putObject("promise");
      Views.put(promise, "amount", e.promise().amount());
      Views.put(promise, "fee", e.promise().fee());
      text.append(
          String.format(
              "hub %s on chain %s: latest hub promise %s stored (give its --deployment to see more)%n",
              e.hermesId().toChecksumHex(), e.chainId(), Amounts.myst(e.promise().amount())));
    }
    s.console.result(doc, text.toString());
    return 0;
  }
}
