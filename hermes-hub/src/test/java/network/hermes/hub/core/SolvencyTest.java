package network.hermes.hub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard's arithmetic, each bound below / at / above. */
class SolvencyTest {
  static ChainFacts.Hermes hermes(long available, long collectible, long settled, long stake) {
    return new ChainFacts.Hermes(
        0,
        2000,
        TokenAmount.ZERO,
        TokenAmount.of(1000),
        TokenAmount.of(available),
        TokenAmount.of(collectible),
        TokenAmount.of(settled),
        TokenAmount.of(stake));
  }

  @ParameterizedTest(name = "promised {0}, delta {1}: admitted {2}")
  @CsvSource({
    // available 40 + collectible 60 = 100 funds; settled 25; largest stake 10
    // owed = promised - 25; admitted iff owed + delta + 10 <= 100
    "110, 5, true", // 85 + 5 + 10 = 100: equal
    "110, 4, true", // below
    "110, 6, false", // above
    "20, 91, false", // promised below settled: owed counts as 0, so delta <= 90
    "20, 90, true",
    "20, 89, true",
  })
  void admitsUpToTheFunds(long promised, long delta, boolean admitted) {
    ChainFacts.Hermes h = hermes(40, 60, 25, 10);
    assertThat(Solvency.admits(TokenAmount.of(promised), BigInteger.valueOf(delta), h))
        .isEqualTo(admitted);
  }

  @ParameterizedTest(name = "promised {0}: headroom {1}")
  @CsvSource({"25, 90", "115, 0", "116, -1", "0, 90"})
  void headroomMayBeNegative(long promised, long headroom) {
    assertThat(Solvency.headroom(TokenAmount.of(promised), hermes(40, 60, 25, 10)))
        .isEqualTo(BigInteger.valueOf(headroom));
  }

  @ParameterizedTest(name = "available {0}: collect now {1}")
  @CsvSource({
    // owed 50 (promised 75 - settled 25) + largest stake 10 = 60
    "59, true",
    "60, false",
    "61, false",
  })
  void collectsWhenTheContractAloneCannotPay(long available, boolean collect) {
    assertThat(Solvency.needsCollection(TokenAmount.of(75), hermes(available, 1000, 25, 10)))
        .isEqualTo(collect);
  }
}
