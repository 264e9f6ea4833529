package network.hermes.hub.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a consumer is settled and in which order; each bound below / at / above. */
class SettlementRulesTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final SettlementRules RULES =
      new SettlementRules(
          TokenAmount.of(100),
          Duration.ofMinutes(60),
          3,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10));

  static Candidate c(
      String who, long amount, long settled, long balance, long fee, long exit, Duration age) {
    return new Candidate(
        who,
        "0xchannel-" + who,
        TokenAmount.of(amount),
        TokenAmount.of(fee),
        "0xh",
        "0xsig",
        "0xr",
        TokenAmount.of(settled),
        TokenAmount.of(balance),
        exit,
        age == null ? null : NOW.minus(age),
        0);
  }

  @ParameterizedTest(name = "unsettled {0}: due {1}")
  @CsvSource({"99, false", "100, true", "101, true"})
  void threshold(long unsettled, boolean due) {
    Candidate x = c("a", 500 + unsettled, 500, 10_000, 0, 0, Duration.ofMinutes(1));
    assertThat(RULES.dueBecause(x, NOW, false) != null).isEqualTo(due);
  }

  @ParameterizedTest(name = "age {0} min: due {1}")
  @CsvSource({"59, false", "60, true", "61, true"})
  void age(long minutes, boolean due) {
    Candidate x = c("a", 10, 0, 10_000, 0, 0, Duration.ofMinutes(minutes));
    assertThat(RULES.dueBecause(x, NOW, false) != null).isEqualTo(due);
  }

  @ParameterizedTest(name = "collectible {0} vs fee 5: due {1}")
  @CsvSource({"4, false", "5, false", "6, true"})
  void nothingIsSentThatTheChannelWouldRefuse(long balance, boolean due) {
    // unsettled 200 is above the threshold, but the channel holds only `balance`
    Candidate x = c("a", 200, 0, balance, 5, 0, null);
    assertThat(RULES.dueBecause(x, NOW, false) != null).isEqualTo(due);
  }

  @Test
  void anExitingConsumerIsDueAtOnceAndFirst() {
    Candidate small = c("small-exit", 1, 0, 10, 0, 2_000, null);
    Candidate sooner = c("sooner-exit", 1, 0, 10, 0, 1_000, null);
    Candidate big = c("big", 900, 0, 10_000, 0, 0, null);
    assertThat(RULES.dueBecause(small, NOW, false)).isEqualTo("exit requested");
    assertThat(RULES.select(List.of(big, small, sooner), NOW, false))
        .extracting(Candidate::consumer)
        .containsExactly("sooner-exit", "small-exit", "big");
  }

  @Test
  void whenTheHubNeedsFundsEverythingCollectibleIsDueLargestFirstUpToTheBatchSize() {
    List<Candidate> all =
        List.of(
            c("a", 10, 0, 10_000, 0, 0, null),
            c("b", 40, 0, 10_000, 0, 0, null),
            c("c", 30, 0, 25, 0, 0, null),
            c("d", 20, 0, 10_000, 0, 0, null),
            c("e", 3, 0, 10_000, 3, 0, null));
    assertThat(RULES.select(all, NOW, false)).isEmpty();
    assertThat(RULES.select(all, NOW, true))
        .extracting(Candidate::consumer)
        .containsExactly("b", "c", "d");
  }

  @Test
  void failedAttemptsBackOffExponentiallyUpToTheMaximum() {
    assertThat(RULES.nextAttempt(1, NOW)).isEqualTo(NOW.plusSeconds(30));
    assertThat(RULES.nextAttempt(2, NOW)).isEqualTo(NOW.plusSeconds(60));
    assertThat(RULES.nextAttempt(3, NOW)).isEqualTo(NOW.plusSeconds(120));
    assertThat(RULES.nextAttempt(20, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }
}
