package network.hermes.settler.policy;

import java.math.BigInteger;
import java.util.Objects;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.Myst;

/**
 * When to settle and what a settlement may cost. The defaults are the Mysterium node's smart-settle
 * rules.
 *
 * <p>Automatic settlement of a channel without stake: settle when the unsettled amount is above
 * {@code maxUnsettled}; else, when it is at least {@code minAutoSettle}, settle if the transactor
 * fee is below {@code maxFeeShareBps} of it; else wait. A staked channel (capacity = stake +
 * settled): settle when the unsettled amount is at least {@code stakedThresholdBps} of the capacity
 * and the capacity left is at most that much.
 *
 * <p>Every settlement, automatic or asked for, is refused when the transactor fee is above {@code
 * maxFeeShareBps} of what it settles or the hub's fee is above {@code maxHubFeeBps}.
 *
 * @param maxUnsettled settle a zero-stake channel above this in any case (upstream 20 MYST)
 * @param minAutoSettle below this a zero-stake channel is not settled automatically (5 MYST)
 * @param maxFeeShareBps the most the transactor fee may be, in basis points of the amount settled
 *     (500 = 5 %)
 * @param stakedThresholdBps a staked channel's threshold, in basis points of its capacity (1000 =
 *     10 %)
 * @param maxHubFeeBps the highest hub fee accepted, in basis points (3000 = 30 %)
 */
public record SettlePolicy(
    TokenAmount maxUnsettled,
    TokenAmount minAutoSettle,
    int maxFeeShareBps,
    int stakedThresholdBps,
    int maxHubFeeBps) {
  private static final BigInteger BPS = BigInteger.valueOf(10_000);
  private static final TokenAmount MYST = TokenAmount.of(BigInteger.TEN.pow(18));

  /**
   * Validates the thresholds.
   *
   * @throws IllegalArgumentException if an amount is null, a share is outside 0..10000, or the
   *     minimum is above the maximum
   */
  public SettlePolicy {
    Objects.requireNonNull(maxUnsettled, "maxUnsettled");
    Objects.requireNonNull(minAutoSettle, "minAutoSettle");
    if (minAutoSettle.compareTo(maxUnsettled) > 0) {
      throw new IllegalArgumentException("minAutoSettle must not be above maxUnsettled");
    }
    bps("maxFeeShareBps", maxFeeShareBps);
    bps("stakedThresholdBps", stakedThresholdBps);
    bps("maxHubFeeBps", maxHubFeeBps);
  }

  /**
   * Upstream's smart-settle defaults: 20 MYST, 5 MYST, 5 %, 10 %, 30 %.
   *
   * @return the default policy
   */
  public static SettlePolicy defaults() {
    return new SettlePolicy(myst(20), myst(5), 500, 1000, 3000);
  }

  /**
   * Whether the channel should be settled now, automatically.
   *
   * @param promiseAmount the latest hub promise's cumulative amount
   * @param settled what the chain has settled on the channel
   * @param stake the channel's stake
   * @param transactorFee what the settlement's sender would be paid (the relay's quote, or zero
   *     when the provider sends it)
   * @return settle or wait, with the reason
   */
  public AutoDecision autoSettle(
      TokenAmount promiseAmount,
      TokenAmount settled,
      TokenAmount stake,
      TokenAmount transactorFee) {
    if (promiseAmount.compareTo(settled) <= 0) {
      return AutoDecision.waiting("nothing unsettled");
    }
    TokenAmount unsettled = promiseAmount.minus(settled);
    if (stake.isZero()) {
      if (unsettled.compareTo(maxUnsettled) > 0) {
        return AutoDecision.settling(
            "unsettled "
                + Myst.format(unsettled)
                + " is above the maximum "
                + Myst.format(maxUnsettled));
      }
      if (unsettled.compareTo(minAutoSettle) < 0) {
        return AutoDecision.waiting(
            "unsettled "
                + Myst.format(unsettled)
                + " is below the minimum "
                + Myst.format(minAutoSettle));
      }
      if (shareAbove(transactorFee, unsettled, maxFeeShareBps, true)) {
        return AutoDecision.waiting(
            "the transactor fee "
                + Myst.format(transactorFee)
                + " is not below "
                + percent(maxFeeShareBps)
                + " of the unsettled "
                + Myst.format(unsettled));
      }
      return AutoDecision.settling(
          "unsettled "
              + Myst.format(unsettled)
              + " reached the minimum "
              + Myst.format(minAutoSettle)
              + " and the transactor fee is below "
              + percent(maxFeeShareBps));
    }
    TokenAmount capacity = stake.plus(settled);
    TokenAmount threshold = share(capacity, stakedThresholdBps);
    TokenAmount left =
        capacity.compareTo(promiseAmount) > 0 ? capacity.minus(promiseAmount) : TokenAmount.ZERO;
    if (unsettled.compareTo(threshold) >= 0 && left.compareTo(threshold) <= 0) {
      return AutoDecision.settling(
          "unsettled "
              + Myst.format(unsettled)
              + " reached "
              + percent(stakedThresholdBps)
              + " of the capacity");
    }
    return AutoDecision.waiting(
        "unsettled "
            + Myst.format(unsettled)
            + " and capacity left "
            + Myst.format(left)
            + " against the threshold "
            + Myst.format(threshold));
  }

  /**
   * Whether a transactor fee is above the maximum share of what a settlement settles.
   *
   * @param transactorFee the fee
   * @param toSettle what the settlement settles
   * @return true when the fee is too high
   */
  public boolean feeTooHigh(TokenAmount transactorFee, TokenAmount toSettle) {
    return shareAbove(transactorFee, toSettle, maxFeeShareBps, false);
  }

  /** {@code part > bps/10000 · whole}, or {@code >=} when {@code orEqual}; exact integers. */
  private static boolean shareAbove(TokenAmount part, TokenAmount whole, int bps, boolean orEqual) {
    int c =
        part.toBigInteger()
            .multiply(BPS)
            .compareTo(whole.toBigInteger().multiply(BigInteger.valueOf(bps)));
    return orEqual ? c >= 0 : c > 0;
  }

  private static TokenAmount share(TokenAmount whole, int bps) {
    return TokenAmount.of(whole.toBigInteger().multiply(BigInteger.valueOf(bps)).divide(BPS));
  }

  /** Basis points as a percentage for messages, e.g. 500 as {@code 5%} and 250 as {@code 2.5%}. */
  public static String percent(int bps) {
    return new java.math.BigDecimal(bps).movePointLeft(2).stripTrailingZeros().toPlainString()
        + "%";
  }

  private static TokenAmount myst(long n) {
    return TokenAmount.of(MYST.toBigInteger().multiply(BigInteger.valueOf(n)));
  }

  private static void bps(String name, int value) {
    if (value < 0 || value > 10_000) {
      throw new IllegalArgumentException(name + " must be within 0..10000, got " + value);
    }
  }

  /**
   * The outcome of {@link #autoSettle}.
   *
   * @param settle whether to settle now
   * @param reason why, for logs and status output
   */
  public record AutoDecision(boolean settle, String reason) {
    static AutoDecision settling(String reason) {
      return new AutoDecision(true, reason);
    }

    static AutoDecision waiting(String reason) {
      return new AutoDecision(false, reason);
    }
  }
}
