package network.hermes.settler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream's smart-settle rules at each bound: below, at and above. */
class SettlePolicyTest {
  static final SettlePolicy DEFAULTS = SettlePolicy.defaults();
  static final BigInteger MYST = BigInteger.TEN.pow(18);

  static TokenAmount milli(long milliMyst) {
    return TokenAmount.of(
        MYST.divide(BigInteger.valueOf(1000)).multiply(BigInteger.valueOf(milliMyst)));
  }

  @ParameterizedTest(name = "zero stake, unsettled {0} mMYST, fee {1} mMYST: settle {2}")
  @CsvSource({
    // below the 5 MYST minimum: never, however cheap
    "4999, 0, false",
    // at and above the minimum: only when the fee is below 5 % (250 mMYST at 5 MYST)
    "5000, 249, true",
    "5000, 250, false",
    "5000, 251, false",
    "10000, 499, true",
    "10000, 500, false",
    // at the 20 MYST maximum the fee rule still applies; above it, settle whatever the fee
    "20000, 999, true",
    "20000, 1000, false",
    "20001, 1000, true",
    "20001, 5000, true"
  })
  void zeroStake(long unsettledMilli, long feeMilli, boolean settle) {
    TokenAmount settled = milli(3000);
    TokenAmount amount = settled.plus(milli(unsettledMilli));
    var decision = DEFAULTS.autoSettle(amount, settled, TokenAmount.ZERO, milli(feeMilli));
    assertThat(decision.settle()).as(decision.reason()).isEqualTo(settle);
  }

  @ParameterizedTest(name = "stake 90, settled 10, amount {0}: settle {1}")
  @CsvSource({
    // capacity 100, threshold 10: unsettled >= 10 and capacity - amount <= 10, i.e. amount >= 90
    "19, false",
    "20, false",
    "89, false",
    "90, true",
    "95, true",
    "100, true"
  })
  void staked(long amountMyst, boolean settle) {
    TokenAmount amount = TokenAmount.of(MYST.multiply(BigInteger.valueOf(amountMyst)));
    TokenAmount settled = TokenAmount.of(MYST.multiply(BigInteger.TEN));
    TokenAmount stake = TokenAmount.of(MYST.multiply(BigInteger.valueOf(90)));
    var decision = DEFAULTS.autoSettle(amount, settled, stake, TokenAmount.ZERO);
    assertThat(decision.settle()).as(decision.reason()).isEqualTo(settle);
  }

  @Test
  void nothingUnsettledWaits() {
    var decision = DEFAULTS.autoSettle(milli(10), milli(10), TokenAmount.ZERO, TokenAmount.ZERO);
    assertThat(decision.settle()).isFalse();
    assertThat(decision.reason()).isEqualTo("nothing unsettled");
  }

  @ParameterizedTest(name = "fee {0} of 1000 at 5 %: too high {1}")
  @CsvSource({"49, false", "50, false", "51, true"})
  void feeShareOfASettlement(long fee, boolean tooHigh) {
    assertThat(DEFAULTS.feeTooHigh(TokenAmount.of(fee), TokenAmount.of(1000))).isEqualTo(tooHigh);
  }

  @Test
  void percentages() {
    assertThat(SettlePolicy.percent(500)).isEqualTo("5%");
    assertThat(SettlePolicy.percent(250)).isEqualTo("2.5%");
    assertThat(SettlePolicy.percent(3000)).isEqualTo("30%");
  }

  @Test
  void badThresholdsAreRefused() {
    assertThatThrownBy(() -> new SettlePolicy(milli(1), milli(2), 500, 1000, 3000))
        .hasMessageContaining("minAutoSettle");
    assertThatThrownBy(() -> new SettlePolicy(milli(2), milli(1), 10_001, 1000, 3000))
        .hasMessageContaining("maxFeeShareBps");
  }
}
