package network.hermes.hub.settlement;

import java.time.Instant;
import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * A consumer whose latest settleable promise (R known) is above what its channel settled.
 *
 * @param channel the consumer channel address
 * @param amount the promise's cumulative amount
 * @param fee the promise's transactor fee (stays in the hub when the hub settles)
 * @param settled what the channel has settled so far, as the watcher last saw it
 * @param balance the channel's balance, as the watcher last saw it
 * @param exitTimelock when the consumer's unilateral exit can be finalised, 0 when none
 * @param unsettledSince when the oldest promise not yet covered by the settled amount was revealed
 * @param attempts failed settlement attempts in a row
 */
public record Candidate(
    String consumer,
    String channel,
    TokenAmount amount,
    TokenAmount fee,
    String hashlock,
    String signature,
    String r,
    TokenAmount settled,
    TokenAmount balance,
    long exitTimelock,
    Instant unsettledSince,
    int attempts) {
  public Candidate {
    Objects.requireNonNull(consumer);
    Objects.requireNonNull(channel);
    Objects.requireNonNull(amount);
    Objects.requireNonNull(fee);
    Objects.requireNonNull(settled);
    Objects.requireNonNull(balance);
  }

  /** Promised and not settled yet. */
  public TokenAmount unsettled() {
    return amount.compareTo(settled) > 0 ? amount.minus(settled) : TokenAmount.ZERO;
  }

  /** What a settlement would move now: the unsettled amount, capped by the channel balance. */
  public TokenAmount collectible() {
    return unsettled().min(balance);
  }

  public boolean exiting() {
    return exitTimelock != 0;
  }
}
