package network.hermes.node.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTest {
  private static final Price UPSTREAM_DEFAULT =
      new Price(TokenAmount.parse("100000000000000000"), TokenAmount.parse("60000000000000"));

  @ParameterizedTest(name = "{0} ms, {1} bytes -> {2}")
  @CsvSource({
    "0, 0, 0",
    "1000, 0, 16666666666", // 6e13 / 3600 per second, truncated
    "3600000, 0, 60000000000000",
    "0, 1073741824, 100000000000000000",
    "0, 1073741823, 99999999906867742", // one byte short of a GiB: truncated
    "0, 1, 93132257", // 1e17 / 2^30
    "3600000, 1073741824, 100060000000000000"
  })
  void eachPartIsTruncatedSeparately(long millis, long bytes, String expected) {
    assertThat(UPSTREAM_DEFAULT.total(Duration.ofMillis(millis), bytes))
        .isEqualTo(TokenAmount.parse(expected));
  }

  @Test
  void aFreePriceOwesNothing() {
    Price free = new Price(TokenAmount.ZERO, TokenAmount.ZERO);
    assertThat(free.isFree()).isTrue();
    assertThat(free.total(Duration.ofDays(3), Long.MAX_VALUE / 2)).isEqualTo(TokenAmount.ZERO);
  }

  @Test
  void hugePricesStayExact() {
    Price big = new Price(TokenAmount.parse("1000000000000000000000000"), TokenAmount.ZERO);
    assertThat(big.total(Duration.ZERO, 3L << 30))
        .isEqualTo(TokenAmount.parse("3000000000000000000000000"));
  }
}
