package network.hermes.chaintests.reconcile;

import java.util.Objects;

/**
 * One invariant checked for one subject.
 *
 * @param invariant which rule (see {@link Reconciler}), e.g. {@code consumer.settled-by-events}
 * @param subject what it was checked for, e.g. {@code consumer 0xab..}
 * @param holds whether it holds
 * @param detail the figures compared, in words
 */
public record Check(String invariant, String subject, boolean holds, String detail) {
  public Check {
    Objects.requireNonNull(invariant, "invariant");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return (holds ? "ok      " : "BREACH  ") + invariant + " [" + subject + "] " + detail;
  }
}
