package network.hermes.settler.settle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.history.SettlementRecord.Outcome;
import org.junit.jupiter.api.Test;

class BackoffTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));

  static SettlementRecord failed(int secondsAfterT0) {
    return TestPromises.pendingRecord("f" + secondsAfterT0, T0)
        .ended(T0.plusSeconds(secondsAfterT0), Outcome.FAILED, "no");
  }

  static SettlementRecord settled(int secondsAfterT0) {
    return TestPromises.pendingRecord("s" + secondsAfterT0, T0)
        .settled(T0.plusSeconds(secondsAfterT0), "0x1", TokenAmount.of(1), TokenAmount.ZERO);
  }

  @Test
  void doublesFromTheBaseUpToTheMaximum() {
    assertThat(BACKOFF.delay(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(BACKOFF.delay(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(BACKOFF.delay(5)).isEqualTo(Duration.ofSeconds(480));
    assertThat(BACKOFF.delay(6)).isEqualTo(Duration.ofMinutes(10));
    assertThat(BACKOFF.delay(60)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void countsFailuresSinceTheLastSettlement() {
    assertThat(BACKOFF.retryAt(List.of())).isEmpty();
    assertThat(BACKOFF.retryAt(List.of(failed(0), settled(10)))).isEmpty();
    assertThat(BACKOFF.retryAt(List.of(failed(0), settled(10), failed(20))))
        .contains(T0.plusSeconds(50));
    assertThat(BACKOFF.retryAt(List.of(settled(10), failed(20), failed(100))))
        .contains(T0.plusSeconds(160));
  }
}
