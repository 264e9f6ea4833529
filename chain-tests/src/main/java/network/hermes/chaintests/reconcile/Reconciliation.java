package network.hermes.chaintests.reconcile;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * The outcome of a reconciliation: every check, and the totals a report shows.
 *
 * @param chain the chain's side
 * @param books the hub's side
 * @param checks every check, in the order made
 * @param totals the sums
 */
public record Reconciliation(ChainLedger chain, HubBooks books, List<Check> checks, Totals totals) {
  public Reconciliation {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(books, "books");
    checks = List.copyOf(checks);
    Objects.requireNonNull(totals, "totals");
  }

  /**
   * Sums over the identities checked.
   *
   * @param consumers consumer channels checked
   * @param consumersPromised what they promised the hub
   * @param consumersSettled what the chain settled of it
   * @param collectible what the hub can still collect (unsettled, capped by each balance)
   * @param providerChannels provider channels checked
   * @param providersPromised what the hub promised on them
   * @param providersSettled what the chain settled of it
   * @param owed what the hub still owes on them
   * @param received what their beneficiaries received
   * @param fees the fees taken from their settlements (hub and transactor)
   */
  public record Totals(
      int consumers,
      TokenAmount consumersPromised,
      TokenAmount consumersSettled,
      TokenAmount collectible,
      int providerChannels,
      TokenAmount providersPromised,
      TokenAmount providersSettled,
      TokenAmount owed,
      TokenAmount received,
      TokenAmount fees) {}

  /** Whether every invariant holds. */
  public boolean holds() {
    return checks.stream().allMatch(Check::holds);
  }

  /** The checks that failed. */
  public List<Check> breaches() {
    return checks.stream().filter(c -> !c.holds()).toList();
  }

  /** The report: the totals, the hub contract's flows, then every breach (or every check). */
  public String render(boolean everyCheck) {
    StringBuilder out = new StringBuilder();
    ChainLedger.HubContract hub = chain.hub();
    out.append("reconciliation of hub ")
        .append(chain.hermesId().toHex())
        .append(" on chain ")
        .append(chain.chainId().value())
        .append(", blocks ")
        .append(chain.fromBlock())
        .append("..")
        .append(chain.toBlock())
        .append('\n');
    out.append(
        String.format(
            "consumers  %d: promised %s, settled %s, still collectible %s%n",
            totals.consumers(),
            Myst.of(totals.consumersPromised()),
            Myst.of(totals.consumersSettled()),
            Myst.of(totals.collectible())));
    out.append(
        String.format(
            "providers  %d channels: promised %s, settled %s (received %s, fees %s), owed %s%n",
            totals.providerChannels(),
            Myst.of(totals.providersPromised()),
            Myst.of(totals.providersSettled()),
            Myst.of(totals.received()),
            Myst.of(totals.fees()),
            Myst.of(totals.owed())));
    BigInteger delta =
        hub.balanceAfter().toBigInteger().subtract(hub.balanceBefore().toBigInteger());
    out.append(
        String.format(
            "hub contract: balance %s -> %s (%s): consumer settlements in %s, provider payouts out"
                + " %s (transactor fees %s), other flows %s; available %s%n",
            Myst.of(hub.balanceBefore()),
            Myst.of(hub.balanceAfter()),
            (delta.signum() >= 0 ? "+" : "") + Myst.of(delta),
            Myst.of(hub.consumerSettlementsIn()),
            Myst.of(hub.providerPayoutsOut()),
            Myst.of(hub.transactorFees()),
            Myst.of(hub.otherNet()),
            Myst.of(hub.availableBalance())));
    for (ChainLedger.Flow f : hub.otherFlows()) {
      out.append(
          String.format(
              "  other flow: %s %s %s in block %d (tx %s)%n",
              f.amount().signum() >= 0 ? "in from" : "out to",
              f.counterparty().toHex(),
              Myst.of(f.amount().abs()),
              f.block(),
              f.txHash().toHex()));
    }
    ChainLedger.Token token = chain.token();
    out.append(
        String.format(
            "MYST supply %s -> %s (minted %s, burned %s)%n",
            Myst.of(token.supplyBefore()),
            Myst.of(token.supplyAfter()),
            Myst.of(token.minted()),
            Myst.of(token.burned())));
    List<Check> shown = everyCheck ? checks : breaches();
    for (Check c : shown) {
      out.append(c).append('\n');
    }
    List<Check> breaches = breaches();
    out.append(checks.size())
        .append(" checks: ")
        .append(breaches.isEmpty() ? "every invariant holds" : breaches.size() + " BREACHED")
        .append('\n');
    return out.toString();
  }
}
