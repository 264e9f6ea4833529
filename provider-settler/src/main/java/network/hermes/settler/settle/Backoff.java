package network.hermes.settler.settle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.history.SettlementRecord.Outcome;

/**
 * When a channel whose settlements failed may be tried again: after the n-th failure in a row
 * (counted in the history since its last settlement, so the count survives restarts) the wait is
 * {@code base · 2^(n−1)}, at most {@code max}.
 *
 * @param base the wait after one failure
 * @param max the longest wait
 */
public record Backoff(Duration base, Duration max) {
  /**
   * Validates the durations.
   *
   * @throws IllegalArgumentException if base is not positive or max is below base
   */
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max");
    }
  }

  /**
   * The number of failed attempts since the channel's last settlement.
   *
   * @param attempts the channel's attempts, oldest first
   * @return the trailing failures (pending attempts are skipped)
   */
  public static int failuresInARow(List<SettlementRecord> attempts) {
    int n = 0;
    for (int i = attempts.size() - 1; i >= 0; i--) {
      Outcome o = attempts.get(i).outcome();
      if (o == Outcome.SETTLED) {
        break;
      }
      if (o == Outcome.FAILED || o == Outcome.UNKNOWN) {
        n++;
      }
    }
    return n;
  }

  /**
   * When the channel may be tried next.
   *
   * @param attempts the channel's attempts, oldest first
   * @return the earliest time of the next attempt, or empty when it may be tried now
   */
  public Optional<Instant> retryAt(List<SettlementRecord> attempts) {
    int failures = failuresInARow(attempts);
    if (failures == 0) {
      return Optional.empty();
    }
    Instant last = null;
    for (SettlementRecord r : attempts) {
      if (r.finishedAt() != null && (last == null || r.finishedAt().isAfter(last))) {
        last = r.finishedAt();
      }
    }
    if (last == null) {
      return Optional.empty();
    }
    return Optional.of(last.plus(delay(failures)));
  }

  /**
   * The wait after {@code failures} failures in a row.
   *
   * @param failures at least one
   * @return {@code min(base · 2^(failures−1), max)}
   */
  public Duration delay(int failures) {
    if (failures < 1) {
      return Duration.ZERO;
    }
    Duration d = base;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
