package network.hermes.settler.policy;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.HermesStatus;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.Myst;
import network.hermes.settler.SettleKind;

/**
 * What a settlement of a hub promise would do on chain now, computed the way the hub contract does
 * it: it settles {@code amount − settled}, cut to {@code max(maxStake, stake)} and to the
 * contract's available balance (the same promise can be settled again later for the rest), keeps
 * its fee {@code ceil(floor(x · bps / 100) / 100)} of what it settles (not on pay-and-settle), pays
 * the transactor fee to whoever sent the transaction and the rest to the beneficiary (or into the
 * stake).
 *
 * @param kind the settle variant
 * @param promiseAmount the promise's cumulative amount
 * @param settled what the chain settled on the channel before
 * @param stake the channel's stake before
 * @param unsettled {@code promiseAmount − settled} (zero when the promise is covered already)
 * @param cap the most one settlement pays now: {@code min(max(maxStake, stake), available)}
 * @param toSettle what this settlement settles: {@code min(unsettled, cap)}
 * @param hubFeeBps the hub's fee in force, in basis points
 * @param hubFee the hub fee on {@code toSettle} (zero for pay-and-settle)
 * @param transactorFee the promise's transactor fee
 * @param net what the beneficiary (or the stake) receives: {@code toSettle − hubFee −
 *     transactorFee}, zero when the fees are not covered
 */
public record SettlementPlan(
    SettleKind kind,
    TokenAmount promiseAmount,
    TokenAmount settled,
    TokenAmount stake,
    TokenAmount unsettled,
    TokenAmount cap,
    TokenAmount toSettle,
    int hubFeeBps,
    TokenAmount hubFee,
    TokenAmount transactorFee,
    TokenAmount net) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public SettlementPlan {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(promiseAmount, "promiseAmount");
    Objects.requireNonNull(settled, "settled");
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(unsettled, "unsettled");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(toSettle, "toSettle");
    Objects.requireNonNull(hubFee, "hubFee");
    Objects.requireNonNull(transactorFee, "transactorFee");
    Objects.requireNonNull(net, "net");
  }

  /**
   * Plans a settlement.
   *
   * @param kind the settle variant
   * @param promiseAmount the promise's cumulative amount
   * @param transactorFee the transactor fee the promise will carry when it is sent
   * @param channel the channel's state on chain
   * @param hermes the hub contract's state on chain
   * @return the plan
   */
  public static SettlementPlan of(
      SettleKind kind,
      TokenAmount promiseAmount,
      TokenAmount transactorFee,
      ProviderChannelState channel,
      HermesState hermes) {
    TokenAmount settled = channel.settled();
    TokenAmount unsettled =
        promiseAmount.compareTo(settled) > 0 ? promiseAmount.minus(settled) : TokenAmount.ZERO;
    TokenAmount cap = hermes.maxStake().max(channel.stake()).min(hermes.availableBalance());
    TokenAmount toSettle = unsettled.min(cap);
    TokenAmount hubFee =
        kind.takesHubFee() ? hubFee(toSettle, hermes.activeFeeBps()) : TokenAmount.ZERO;
    BigInteger net =
        toSettle
            .toBigInteger()
            .subtract(hubFee.toBigInteger())
            .subtract(transactorFee.toBigInteger());
    return new SettlementPlan(
        kind,
        promiseAmount,
        settled,
        channel.stake(),
        unsettled,
        cap,
        toSettle,
        hermes.activeFeeBps(),
        hubFee,
        transactorFee,
        net.signum() > 0 ? TokenAmount.of(net) : TokenAmount.ZERO);
  }

  /**
   * The hub contract's fee on an amount: {@code ceil(floor(amount · bps / 100) / 100)}.
   *
   * @param amount what is settled
   * @param feeBps the fee in basis points
   * @return the fee the contract keeps
   */
  public static TokenAmount hubFee(TokenAmount amount, int feeBps) {
    BigInteger t =
        amount.toBigInteger().multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(100));
    return TokenAmount.of(t.add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)));
  }

  /**
   * The fees taken in all.
   *
   * @return hub fee plus transactor fee
   */
  public TokenAmount fees() {
    return hubFee.plus(transactorFee);
  }

  /**
   * Whether the contract's cap leaves part of the unsettled amount for a later settlement.
   *
   * @return true when {@code toSettle < unsettled}
   */
  public boolean partial() {
    return toSettle.compareTo(unsettled) < 0;
  }

  /**
   * What stays unsettled after this settlement.
   *
   * @return {@code unsettled − toSettle}
   */
  public TokenAmount remainder() {
    return unsettled.minus(toSettle);
  }

  /**
   * Checks the plan against the contract's rules and the policy, in the order the contract checks
   * (so the reason given is the one the chain would give), then the policy's limits.
   *
   * @param hermes the hub contract's state
   * @param policy the fee limits
   * @param allowPartial whether a settlement cut by the cap may go ahead
   * @return why the settlement must not be sent, or empty when it may
   */
  public Optional<Refused> check(HermesState hermes, SettlePolicy policy, boolean allowPartial) {
    if (hermes.status() == HermesStatus.PUNISHMENT || hermes.status() == HermesStatus.CLOSED) {
      return refuse(
          Refusal.HUB_NOT_ACTIVE,
          "the hub contract is "
              + hermes.status().name().toLowerCase(java.util.Locale.ROOT)
              + " and settles nothing");
    }
    boolean ignoresStake = kind == SettleKind.INTO_STAKE || kind == SettleKind.PAY_AND_SETTLE;
    if (settled.isZero() && !ignoresStake && stake.compareTo(hermes.minStake()) < 0) {
      return refuse(
          Refusal.NOT_ENOUGH_STAKE,
          "a first settlement needs a stake of at least "
              + Myst.format(hermes.minStake())
              + "; the channel has "
              + Myst.format(stake));
    }
    if (unsettled.isZero()) {
      return refuse(
          Refusal.NOTHING_TO_SETTLE,
          "the chain has settled "
              + Myst.format(settled)
              + " of the promise's "
              + Myst.format(promiseAmount)
              + " already");
    }
    if (unsettled.compareTo(transactorFee) <= 0) {
      return refuse(
          Refusal.FEES_NOT_COVERED,
          "the unsettled "
              + Myst.format(unsettled)
              + " does not exceed the transactor fee "
              + Myst.format(transactorFee));
    }
    if (toSettle.isZero()) {
      return refuse(
          Refusal.NO_AVAILABLE_BALANCE,
          "the hub contract has no available balance to pay from now; try again later");
    }
    if (toSettle.compareTo(fees()) < 0) {
      return refuse(
          Refusal.FEES_NOT_COVERED,
          "settling "
              + Myst.format(toSettle)
              + " does not cover the hub fee "
              + Myst.format(hubFee)
              + " plus the transactor fee "
              + Myst.format(transactorFee));
    }
    if (kind == SettleKind.INTO_STAKE) {
      TokenAmount newStake = stake.plus(net);
      if (newStake.compareTo(hermes.minStake()) < 0 || newStake.compareTo(hermes.maxStake()) > 0) {
        return refuse(
            Refusal.STAKE_OUT_OF_RANGE,
            "the stake would become "
                + Myst.format(newStake)
                + ", outside the hub's bounds "
                + Myst.format(hermes.minStake())
                + ".."
                + Myst.format(hermes.maxStake()));
      }
    }
    if (kind.takesHubFee() && hubFeeBps > policy.maxHubFeeBps()) {
      return refuse(
          Refusal.HUB_FEE_TOO_HIGH,
          "the hub's fee is "
              + SettlePolicy.percent(hubFeeBps)
              + ", above the accepted maximum "
              + SettlePolicy.percent(policy.maxHubFeeBps()));
    }
    if (policy.feeTooHigh(transactorFee, toSettle)) {
      return refuse(
          Refusal.FEE_TOO_HIGH,
          "the transactor fee "
              + Myst.format(transactorFee)
              + " is more than "
              + SettlePolicy.percent(policy.maxFeeShareBps())
              + " of the "
              + Myst.format(toSettle)
              + " settled");
    }
    if (partial() && !allowPartial) {
      return refuse(
          Refusal.ABOVE_SETTLEMENT_CAP,
          "the contract settles at most "
              + Myst.format(cap)
              + " now (max(maxStake, stake) and its available balance), "
              + Myst.format(remainder())
              + " of the unsettled "
              + Myst.format(unsettled)
              + " would stay for a later settlement; allow a partial settlement to go ahead");
    }
    return Optional.empty();
  }

  private static Optional<Refused> refuse(Refusal reason, String message) {
    return Optional.of(new Refused(reason, message));
  }

  /**
   * A refusal with its explanation.
   *
   * @param reason the refusal
   * @param message what exactly, with the amounts
   */
  public record Refused(Refusal reason, String message) {}
}
