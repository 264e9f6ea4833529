package network.hermes.node.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToleranceTest {
  private static final Price PRICE =
      new Price(TokenAmount.parse("100000000000000000"), TokenAmount.parse("60000000000000"));
  private static final long MIB = 1024 * 1024;

  @ParameterizedTest(name = "{0} ms, {1} bytes -> t = {2}")
  @CsvSource({
    "0, 0, 3.0",
    "999, 100000000, 3.0",
    // 1 s, nothing carried: d = 1, v = 1 -> 0.5 + (1 - 1/(1+1/1024)) + 1.11
    "1000, 0, 1.6109756097560976",
    // 10 min at 8 Mbit/s (1 MiB/s): d = 10, v = 8
    "600000, 629145600, 1.2086610288935873"
  })
  void theFactorFollowsUpstream(long millis, long bytes, double expected) {
    assertThat(Tolerance.factor(Duration.ofMillis(millis), bytes))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void theLimitAddsTheDataLeewayAndScales() {
    Tolerance tolerance = new Tolerance(20 * MIB);
    // first second: 3 x price(0 s, 20 MiB) = 3 x floor(1e17 x 20 / 1024)
    assertThat(tolerance.limit(PRICE, Duration.ZERO, 0))
        .isEqualTo(TokenAmount.parse("5859375000000000"));
  }

  @Test
  void invoicesAtOrBelowTheLimitPassAndAboveItAreOvercharging() {
    Tolerance tolerance = new Tolerance(Tolerance.DEFAULT_DATA_LEEWAY);
    Duration elapsed = Duration.ofMinutes(2);
    long bytes = 300 * MIB;
    TokenAmount limit = tolerance.limit(PRICE, elapsed, bytes);
    assertThat(tolerance.overcharges(limit.minus(TokenAmount.of(1)), PRICE, elapsed, bytes))
        .isFalse();
    assertThat(tolerance.overcharges(limit, PRICE, elapsed, bytes)).isFalse();
    assertThat(tolerance.overcharges(limit.plus(TokenAmount.of(1)), PRICE, elapsed, bytes))
        .isTrue();
    // an honest provider's exact total is always inside
    assertThat(tolerance.overcharges(PRICE.total(elapsed, bytes), PRICE, elapsed, bytes)).isFalse();
  }

  @Test
  void doubleTheHonestTotalIsOverchargingOnceTheLeewayIsSpent() {
    Tolerance tolerance = new Tolerance(Tolerance.DEFAULT_DATA_LEEWAY);
    Duration elapsed = Duration.ofMinutes(5);
    long bytes = 2048 * MIB;
    TokenAmount doubled = PRICE.total(elapsed, bytes).plus(PRICE.total(elapsed, bytes));
    assertThat(tolerance.overcharges(doubled, PRICE, elapsed, bytes)).isTrue();
  }
}
