package network.hermes.settler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.HermesStatus;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.SettleKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan reproduces the hub contract's settlement arithmetic and its refusals. */
class SettlementPlanTest {
  static final SettlePolicy POLICY = SettlePolicy.defaults();

  static HermesState hermes(
      HermesStatus status, int feeBps, long minStake, long maxStake, long available) {
    return new HermesState(
        Address.ZERO,
        Address.ZERO,
        status,
        feeBps,
        TokenAmount.of(minStake),
        TokenAmount.of(maxStake),
        TokenAmount.ZERO,
        TokenAmount.ZERO,
        TokenAmount.of(available),
        TokenAmount.of(available));
  }

  static HermesState active(long maxStake, long available) {
    return hermes(HermesStatus.ACTIVE, 2000, 0, maxStake, available);
  }

  static ProviderChannelState channel(long settled, long stake) {
    return new ProviderChannelState(
        Bytes32.ZERO, TokenAmount.of(settled), TokenAmount.of(stake), 0);
  }

  static SettlementPlan plan(
      SettleKind kind, long amount, long fee, ProviderChannelState c, HermesState h) {
    return SettlementPlan.of(kind, TokenAmount.of(amount), TokenAmount.of(fee), c, h);
  }

  @ParameterizedTest(name = "{0} at {1} bps: {2}")
  @CsvSource({
    "100000000, 250, 2500000",
    "100, 250, 3",
    "0, 2000, 0",
    "1, 2000, 1",
    "10000, 2000, 2000",
    "10001, 2000, 2001"
  })
  void hubFeeRoundsLikeTheContract(long amount, int bps, long fee) {
    assertThat(SettlementPlan.hubFee(TokenAmount.of(amount), bps)).isEqualTo(TokenAmount.of(fee));
  }

  @Test
  void plainSettlementPaysAmountMinusSettledMinusFees() {
    SettlementPlan p =
        plan(SettleKind.PLAIN, 10_000, 100, channel(4_000, 0), active(100_000, 50_000));
    assertThat(p.unsettled()).isEqualTo(TokenAmount.of(6_000));
    assertThat(p.toSettle()).isEqualTo(TokenAmount.of(6_000));
    assertThat(p.hubFee()).isEqualTo(TokenAmount.of(1_200));
    assertThat(p.net()).isEqualTo(TokenAmount.of(6_000 - 1_200 - 100));
    assertThat(p.partial()).isFalse();
    assertThat(p.check(active(100_000, 50_000), POLICY, false)).isEmpty();
  }

  @ParameterizedTest(name = "available {0}, maxStake {1}, stake {2}: settles {3}")
  @CsvSource({
    // the cap is min(max(maxStake, stake), available)
    "50000, 100000, 0, 6000",
    "5999, 100000, 0, 5999",
    "6000, 100000, 0, 6000",
    "50000, 5999, 0, 5999",
    "50000, 1000, 5999, 5999",
    "50000, 1000, 6001, 6000"
  })
  void capCutsTheSettlement(long available, long maxStake, long stake, long settles) {
    SettlementPlan p =
        plan(SettleKind.PLAIN, 6_000, 0, channel(0, stake), active(maxStake, available));
    assertThat(p.toSettle()).isEqualTo(TokenAmount.of(settles));
    assertThat(p.partial()).isEqualTo(settles < 6_000);
  }

  @Test
  void partialSettlementNeedsConsent() {
    HermesState h = active(1_000, 50_000);
    SettlementPlan p = plan(SettleKind.PLAIN, 6_000, 0, channel(0, 0), h);
    assertThat(p.remainder()).isEqualTo(TokenAmount.of(5_000));
    assertThat(p.check(h, POLICY, false).map(SettlementPlan.Refused::reason))
        .contains(Refusal.ABOVE_SETTLEMENT_CAP);
    assertThat(p.check(h, POLICY, true)).isEmpty();
  }

  @Test
  void refusalsInTheContractsOrder() {
    HermesState h = active(100_000, 50_000);
    assertThat(reason(plan(SettleKind.PLAIN, 5_000, 0, channel(5_000, 0), h), h))
        .contains(Refusal.NOTHING_TO_SETTLE);
    assertThat(reason(plan(SettleKind.PLAIN, 5_100, 100, channel(5_000, 0), h), h))
        .contains(Refusal.FEES_NOT_COVERED);
    // 101 unsettled covers the transactor fee 100 but not 100 + the hub fee 21
    assertThat(reason(plan(SettleKind.PLAIN, 5_101, 100, channel(5_000, 0), h), h))
        .contains(Refusal.FEES_NOT_COVERED);
    HermesState empty = active(100_000, 0);
    assertThat(reason(plan(SettleKind.PLAIN, 6_000, 0, channel(0, 0), empty), empty))
        .contains(Refusal.NO_AVAILABLE_BALANCE);
    HermesState punished = hermes(HermesStatus.PUNISHMENT, 2000, 0, 100_000, 50_000);
    assertThat(reason(plan(SettleKind.PLAIN, 6_000, 0, channel(0, 0), punished), punished))
        .contains(Refusal.HUB_NOT_ACTIVE);
    HermesState minStake = hermes(HermesStatus.ACTIVE, 2000, 10, 100_000, 50_000);
    assertThat(reason(plan(SettleKind.PLAIN, 6_000, 0, channel(0, 9), minStake), minStake))
        .contains(Refusal.NOT_ENOUGH_STAKE);
    // into stake and pay-and-settle ignore the stake rule
    assertThat(reason(plan(SettleKind.INTO_STAKE, 60, 0, channel(0, 9), minStake), minStake))
        .isEmpty();
  }

  @ParameterizedTest(name = "hub fee {0} bps: refused {1}")
  @CsvSource({"2999, false", "3000, false", "3001, true"})
  void hubFeeLimit(int bps, boolean refused) {
    HermesState h = hermes(HermesStatus.ACTIVE, bps, 0, 100_000, 50_000);
    SettlementPlan p = plan(SettleKind.PLAIN, 10_000, 0, channel(0, 0), h);
    assertThat(reason(p, h).isPresent()).isEqualTo(refused);
    if (refused) {
      assertThat(reason(p, h)).contains(Refusal.HUB_FEE_TOO_HIGH);
      assertThat(p.check(h, POLICY, false).get().message()).contains("30.01%", "30%");
    }
  }

  @ParameterizedTest(name = "transactor fee {0} of 10000: refused {1}")
  @CsvSource({"499, false", "500, false", "501, true"})
  void transactorFeeShare(long fee, boolean refused) {
    HermesState h = active(100_000, 50_000);
    SettlementPlan p = plan(SettleKind.PLAIN, 10_000, fee, channel(0, 0), h);
    assertThat(reason(p, h))
        .isEqualTo(refused ? Optional.of(Refusal.FEE_TOO_HIGH) : Optional.empty());
  }

  @Test
  void payAndSettleTakesNoHubFeeEvenFromAnExpensiveHub() {
    HermesState h = hermes(HermesStatus.ACTIVE, 5000, 0, 100_000, 50_000);
    SettlementPlan p = plan(SettleKind.PAY_AND_SETTLE, 10_000, 100, channel(0, 0), h);
    assertThat(p.hubFee()).isEqualTo(TokenAmount.ZERO);
    assertThat(p.net()).isEqualTo(TokenAmount.of(9_900));
    assertThat(p.check(h, POLICY, false)).isEmpty();
  }

  @ParameterizedTest(name = "stake {0} + net 8000 against max 20000: refused {1}")
  @CsvSource({"11999, false", "12000, false", "12001, true"})
  void intoStakeStaysWithinTheBounds(long stake, boolean refused) {
    HermesState h = active(20_000, 50_000);
    SettlementPlan p = plan(SettleKind.INTO_STAKE, 10_000, 0, channel(0, stake), h);
    assertThat(p.net()).isEqualTo(TokenAmount.of(8_000));
    assertThat(reason(p, h))
        .isEqualTo(refused ? Optional.of(Refusal.STAKE_OUT_OF_RANGE) : Optional.empty());
  }

  static Optional<Refusal> reason(SettlementPlan p, HermesState h) {
    return p.check(h, POLICY, false).map(SettlementPlan.Refused::reason);
  }
}
