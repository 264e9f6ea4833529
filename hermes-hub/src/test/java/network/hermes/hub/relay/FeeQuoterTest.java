package network.hermes.hub.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeeQuoterTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static FeeQuoter quoter(String rate, int margin) {
    return new FeeQuoter(
        Map.of(
            FeeKind.REGISTER, 200_000L, FeeKind.SETTLE, 100_000L, FeeKind.STAKE_DECREASE, 50_000L),
        new BigDecimal(rate),
        margin,
        Duration.ofMinutes(5));
  }

  @Test
  void feeIsGasTimesPriceTimesRatePlusMargin() {
    // 100,000 gas at 31 gwei = 3.1e15 native wei; at 2.5 MYST per native coin = 7.75e15; +20 %
    FeeQuoter.Quote q =
        quoter("2.5", 20).quote(FeeKind.SETTLE, BigInteger.valueOf(31_000_000_000L), NOW);
    assertThat(q.fee()).isEqualTo(new BigInteger("9300000000000000"));
    assertThat(q.kind()).isEqualTo(FeeKind.SETTLE);
    assertThat(q.validUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void fractionsOfAWeiAreRoundedUpNeverDown() {
    // 50,000 gas at 1 wei = 50,000; rate 0.333... -> 16,666.65; margin 0 -> 16,667
    FeeQuoter.Quote q = quoter("0.333333", 0).quote(FeeKind.STAKE_DECREASE, BigInteger.ONE, NOW);
    assertThat(q.fee()).isEqualTo(BigInteger.valueOf(16_667));
  }

  @Test
  void eachKindHasItsGas() {
    FeeQuoter f = quoter("1", 0);
    BigInteger price = BigInteger.TEN;
    assertThat(f.quote(FeeKind.REGISTER, price, NOW).fee())
        .isEqualTo(BigInteger.valueOf(2_000_000));
    assertThat(f.quote(FeeKind.SETTLE, price, NOW).fee()).isEqualTo(BigInteger.valueOf(1_000_000));
    assertThat(f.quote(FeeKind.STAKE_DECREASE, price, NOW).fee())
        .isEqualTo(BigInteger.valueOf(500_000));
  }
}
