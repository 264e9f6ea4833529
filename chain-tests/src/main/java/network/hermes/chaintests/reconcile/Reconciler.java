package network.hermes.chaintests.reconcile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * Holds the chain against itself (state against event history) and against the hub's books, to the
 * wei. Pure: the same ledger and books give the same checks. The invariants:
 *
 * <ul>
 *   <li>{@code consumer.settled-by-events}: a consumer channel's settled amount is the sum of its
 *       {@code PromiseSettled} events;
 *   <li>{@code consumer.settlements-paid}: those settlements moved exactly that much MYST out of
 *       the channel;
 *   <li>{@code consumer.within-promised}: the chain settled no more than the consumer promised the
 *       hub (promised = settled + unsettled, unsettled never negative);
 *   <li>{@code consumer.collateral}: what is still unsettled is covered by the channel's balance;
 *   <li>{@code consumer.hub-settled}, {@code consumer.hub-balance}: the hub's settled amount and
 *       spendable balance are the chain's;
 *   <li>{@code provider.settled-by-events}: a provider channel's settled amount is the sum of its
 *       events' payouts and fees;
 *   <li>{@code provider.payouts-paid}: the hub contract sent each payout to its beneficiary, so
 *       received on chain = settled - fees;
 *   <li>{@code provider.within-promised}: the chain settled no more than the hub promised on the
 *       channel (nothing on a channel the hub never promised anything);
 *   <li>{@code provider.hub-settled}: the hub's settled amount is the chain's;
 *   <li>{@code hub.balance-by-transfers}: the hub contract's balance moved by its transfers;
 *   <li>{@code hub.consumer-settlements-in}: what came in with consumer settlements is what the
 *       checked consumer channels paid it;
 *   <li>{@code hub.provider-payouts-out}: what went out with provider settlements is the checked
 *       channels' payouts plus transactor fees, and {@code hub.transactor-fees-within-fees}: those
 *       fees are part of the settlements' fees;
 *   <li>{@code hub.promises-covered}: the hub promised providers no more than consumers promised
 *       it;
 *   <li>{@code hub.solvency}: what the hub owes providers is covered by its available balance and
 *       what it can still collect from consumers;
 *   <li>{@code token.supply}: the supply moved only by mints and burns; {@code token.holder}: every
 *       address of the system holds what its transfers say.
 * </ul>
 *
 * Every other flow of the hub contract (float, stakes, withdrawals) is listed, not judged.
 */
public final class Reconciler {
  private Reconciler() {}

  /**
   * Reconciles.
   *
   * @param chain the chain's state and history
   * @param books the hub's books of the same identities
   * @return every check with its outcome, and the totals
   */
  public static Reconciliation reconcile(ChainLedger chain, HubBooks books) {
    List<Check> checks = new ArrayList<>();
    Map<Bytes32, ChainLedger.ProviderChannel> channels = new HashMap<>();
    chain.providers().forEach(p -> channels.put(p.channelId(), p));

    int consumers = 0;
    TokenAmount consumersSettled = TokenAmount.ZERO;
    TokenAmount consumersPromised = TokenAmount.ZERO;
    TokenAmount collectible = TokenAmount.ZERO;
    TokenAmount consumerTransfersToHub = TokenAmount.ZERO;
    for (ChainLedger.Consumer c : chain.consumers()) {
      String who = "consumer " + c.identity().toHex();
      HubBooks.Consumer b = books.consumers().get(c.identity());
      if (b == null && isEmpty(c)) {
        continue;
      }
      consumers++;
      TokenAmount promised = b == null ? TokenAmount.ZERO : b.promised();
      consumerTransfersToHub = consumerTransfersToHub.plus(c.settlementTransfersToHub());
      consumersSettled = consumersSettled.plus(c.settled());
      checks.add(
          equal(
              "consumer.settled-by-events",
              who,
              "settled on chain",
              c.settled(),
              "its PromiseSettled events",
              c.settledByEvents()));
      checks.add(
          equal(
              "consumer.settlements-paid",
              who,
              "moved out by its settlements",
              c.settlementTransfers(),
              "its PromiseSettled events",
              c.settledByEvents()));
      checks.add(
          atMost(
              "consumer.within-promised",
              who,
              "settled on chain",
              c.settled(),
              b == null ? "promised (the hub has no books of it)" : "promised",
              promised));
      if (b == null) {
        continue;
      }
      consumersPromised = consumersPromised.plus(b.promised());
      TokenAmount unsettled = minusOrZero(b.promised(), c.settled());
      collectible = collectible.plus(unsettled.min(c.balance()));
      checks.add(
          atMost(
              "consumer.collateral",
              who,
              "unsettled (promised " + Myst.of(b.promised()) + " - settled)",
              unsettled,
              "channel balance",
              c.balance()));
      checks.add(
          equal(
              "consumer.hub-settled",
              who,
              "settled in the hub's books",
              b.settled(),
              "on chain",
              c.settled()));
      checks.add(
          equal(
              "consumer.hub-balance",
              who,
              "spendable in the hub's books",
              b.balance(),
              "channel balance - unsettled",
              minusOrZero(c.balance(), unsettled)));
    }

    int providerChannels = 0;
    TokenAmount providersPromised = TokenAmount.ZERO;
    TokenAmount providersSettled = TokenAmount.ZERO;
    TokenAmount received = TokenAmount.ZERO;
    TokenAmount owed = TokenAmount.ZERO;
    TokenAmount payoutTransfers = TokenAmount.ZERO;
    TokenAmount settlementFees = TokenAmount.ZERO;
    for (ChainLedger.ProviderChannel p : chain.providers()) {
      String who = describe(p);
      HubBooks.ProviderChannel q = books.providers().get(p.channelId());
      if (q == null && isEmpty(p)) {
        continue;
      }
      providerChannels++;
      TokenAmount promised = q == null ? TokenAmount.ZERO : q.promised();
      payoutTransfers = payoutTransfers.plus(p.payoutTransfers());
      providersSettled = providersSettled.plus(p.settled());
      received = received.plus(p.payouts());
      settlementFees = settlementFees.plus(p.fees());
      checks.add(
          equal(
              "provider.settled-by-events",
              who,
              "settled on chain",
              p.settled(),
              "payouts and fees of its PromiseSettled events",
              p.settledByEvents()));
      checks.add(
          equal(
              "provider.payouts-paid",
              who,
              "sent to its beneficiaries",
              p.payoutTransfers(),
              "the payouts of its PromiseSettled events",
              p.payouts()));
      checks.add(
          atMost(
              "provider.within-promised",
              who,
              "settled on chain",
              p.settled(),
              q == null ? "promised (the hub has no books of it)" : "promised by the hub",
              promised));
      if (q == null) {
        continue;
      }
      owed = owed.plus(minusOrZero(q.promised(), p.settled()));
      checks.add(
          equal(
              "provider.hub-settled",
              who,
              "settled in the hub's books",
              q.settled(),
              "on chain",
              p.settled()));
    }
    for (HubBooks.ProviderChannel q : books.providers().values()) {
      providersPromised = providersPromised.plus(q.promised());
    }

    ChainLedger.HubContract hub = chain.hub();
    String hubName = "hub contract " + chain.hermesId().toHex();
    checks.add(
        new Check(
            "hub.balance-by-transfers",
            hubName,
            signedDelta(hub.balanceBefore(), hub.balanceAfter())
                .equals(signedDelta(hub.transfersOut(), hub.transfersIn())),
            "balance "
                + Myst.of(hub.balanceBefore())
                + " -> "
                + Myst.of(hub.balanceAfter())
                + ", transfers in "
                + Myst.of(hub.transfersIn())
                + ", out "
                + Myst.of(hub.transfersOut())));
    checks.add(
        equal(
            "hub.consumer-settlements-in",
            hubName,
            "received in consumer settlements",
            hub.consumerSettlementsIn(),
            "paid by the checked consumer channels",
            consumerTransfersToHub));
    checks.add(
        equal(
            "hub.provider-payouts-out",
            hubName,
            "sent in provider settlements",
            hub.providerPayoutsOut(),
            "the checked channels' payouts ("
                + Myst.of(payoutTransfers)
                + ") + transactor fees ("
                + Myst.of(hub.transactorFees())
                + "):",
            payoutTransfers.plus(hub.transactorFees())));
    checks.add(
        atMost(
            "hub.transactor-fees-within-fees",
            hubName,
            "transactor fees paid out",
            hub.transactorFees(),
            "the fees of the provider settlements",
            settlementFees));
    checks.add(
        atMost(
            "hub.promises-covered",
            hubName,
            "promised to providers",
            providersPromised,
            "promised by consumers",
            consumersPromised));
    checks.add(
        atMost(
            "hub.solvency",
            hubName,
            "owed to providers",
            owed,
            "available balance ("
                + Myst.of(hub.availableBalance())
                + ") + collectible from consumers ("
                + Myst.of(collectible)
                + "):",
            hub.availableBalance().plus(collectible)));

    ChainLedger.Token token = chain.token();
    checks.add(
        new Check(
            "token.supply",
            "MYST",
            signedDelta(token.supplyBefore(), token.supplyAfter())
                .equals(signedDelta(token.burned(), token.minted())),
            "supply "
                + Myst.of(token.supplyBefore())
                + " -> "
                + Myst.of(token.supplyAfter())
                + ", minted "
                + Myst.of(token.minted())
                + ", burned "
                + Myst.of(token.burned())));
    for (ChainLedger.Holder h : token.holders()) {
      if (h.before().isZero() && h.after().isZero() && h.received().isZero() && h.sent().isZero()) {
        continue;
      }
      checks.add(
          new Check(
              "token.holder",
              h.role() + " " + h.address().toHex(),
              signedDelta(h.before(), h.after()).equals(signedDelta(h.sent(), h.received())),
              "balance "
                  + Myst.of(h.before())
                  + " -> "
                  + Myst.of(h.after())
                  + ", received "
                  + Myst.of(h.received())
                  + ", sent "
                  + Myst.of(h.sent())));
    }

    Reconciliation.Totals totals =
        new Reconciliation.Totals(
            consumers,
            consumersPromised,
            consumersSettled,
            collectible,
            providerChannels,
            providersPromised,
            providersSettled,
            owed,
            received,
            settlementFees);
    return new Reconciliation(chain, books, checks, totals);
  }

  private static String describe(ChainLedger.ProviderChannel p) {
    return (p.kind() == ChainLedger.Kind.EARNINGS ? "provider " : "withdrawals of ")
        + p.identity().toHex();
  }

  private static Check equal(
      String invariant,
      String subject,
      String leftName,
      TokenAmount left,
      String rightName,
      TokenAmount right) {
    return new Check(
        invariant,
        subject,
        left.equals(right),
        leftName
            + " "
            + Myst.of(left)
            + (left.equals(right) ? " = " : " != ")
            + rightName
            + " "
            + Myst.of(right));
  }

  private static Check atMost(
      String invariant,
      String subject,
      String leftName,
      TokenAmount left,
      String rightName,
      TokenAmount right) {
    boolean holds = left.compareTo(right) <= 0;
    return new Check(
        invariant,
        subject,
        holds,
        leftName
            + " "
            + Myst.of(left)
            + (holds ? " <= " : " > ")
            + rightName
            + " "
            + Myst.of(right));
  }

  static TokenAmount minusOrZero(TokenAmount a, TokenAmount b) {
    return a.compareTo(b) > 0 ? a.minus(b) : TokenAmount.ZERO;
  }

  private static BigInteger signedDelta(TokenAmount from, TokenAmount to) {
    return to.toBigInteger().subtract(from.toBigInteger());
  }

  private static boolean isEmpty(ChainLedger.Consumer c) {
    return c.balance().isZero()
        && c.settled().isZero()
        && c.settledByEvents().isZero()
        && c.settlementTransfers().isZero()
        && c.withdrawn().isZero();
  }

  private static boolean isEmpty(ChainLedger.ProviderChannel p) {
    return p.settled().isZero() && p.stake().isZero() && p.settlements() == 0;
  }
}
