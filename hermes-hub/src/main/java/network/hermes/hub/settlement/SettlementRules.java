package network.hermes.hub.settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * When the hub settles a consumer's promises, and in which order. Pure.
 *
 * @param threshold settle when a consumer's unsettled amount reaches this
 * @param maxAge settle when the oldest unsettled revealed promise is this old
 * @param batchSize most promises in one batch transaction
 * @param retryBase first wait after a failed attempt; doubles with every further failure
 * @param retryMax longest wait between attempts
 */
public record SettlementRules(
    TokenAmount threshold, Duration maxAge, int batchSize, Duration retryBase, Duration retryMax) {
  public SettlementRules {
    Objects.requireNonNull(threshold);
    Objects.requireNonNull(maxAge);
    Objects.requireNonNull(retryBase);
    Objects.requireNonNull(retryMax);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
  }

  /** Why a candidate is settled now, or null when it is not due. */
  public String dueBecause(Candidate c, Instant now, boolean collectAll) {
    if (c.collectible().compareTo(c.fee()) <= 0) {
      // the channel would revert: nothing (or less than the fee) to move
      return null;
    }
    if (c.exiting()) {
      return "exit requested";
    }
    if (c.unsettled().compareTo(threshold) >= 0) {
      return "threshold";
    }
    if (c.unsettledSince() != null
        && Duration.between(c.unsettledSince(), now).compareTo(maxAge) >= 0) {
      return "age";
    }
    return collectAll ? "hub needs funds" : null;
  }

  /**
   * The next batch: due candidates, exiting consumers first (soonest exit first), then the largest
   * amounts to collect; at most {@link #batchSize}.
   */
  public List<Candidate> select(List<Candidate> candidates, Instant now, boolean collectAll) {
    List<Candidate> due = new ArrayList<>();
    for (Candidate c : candidates) {
      if (dueBecause(c, now, collectAll) != null) {
        due.add(c);
      }
    }
    due.sort(
        Comparator.comparing((Candidate c) -> !c.exiting())
            .thenComparingLong(c -> c.exiting() ? c.exitTimelock() : 0)
            .thenComparing(Candidate::collectible, Comparator.reverseOrder())
            .thenComparing(Candidate::consumer));
    return due.size() > batchSize ? List.copyOf(due.subList(0, batchSize)) : due;
  }

  /** When a candidate that failed {@code attempts} times in a row may be tried again. */
  public Instant nextAttempt(int attempts, Instant now) {
    Duration wait = retryBase;
    for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return now.plus(wait.compareTo(retryMax) > 0 ? retryMax : wait);
  }
}
