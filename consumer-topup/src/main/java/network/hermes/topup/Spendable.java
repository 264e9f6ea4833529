package network.hermes.topup;

import network.hermes.promise.value.TokenAmount;

/**
 * The one definition of what a consumer can still spend: its channel's MYST balance on chain minus
 * what it has promised and the chain has not settled yet, {@code balance − max(0, promised −
 * settled)}, never below zero; and nothing while the identity is not registered or its channel is
 * exiting (the hub accepts no promises then). It is what the hub checks a new promise against.
 */
public final class Spendable {
  private Spendable() {}

  /**
   * Computes the spendable amount.
   *
   * @param balance the channel's MYST balance on chain
   * @param promised the consumer's latest promise amount (cumulative)
   * @param settled what the chain has settled of the channel's promises
   * @param registered whether the identity is registered
   * @param exiting whether the channel has a pending unilateral exit
   * @return what new promises may still add
   */
  public static TokenAmount of(
      TokenAmount balance,
      TokenAmount promised,
      TokenAmount settled,
      boolean registered,
      boolean exiting) {
    if (!registered || exiting) {
      return TokenAmount.ZERO;
    }
    TokenAmount unsettled =
        promised.compareTo(settled) > 0 ? promised.minus(settled) : TokenAmount.ZERO;
    return balance.compareTo(unsettled) > 0 ? balance.minus(unsettled) : TokenAmount.ZERO;
  }
}
