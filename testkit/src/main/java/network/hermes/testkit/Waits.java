package network.hermes.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Polls with a deadline: how tests wait for something another process does, never a bare sleep. */
public final class Waits {
  private static final Duration POLL = Duration.ofMillis(100);

  private Waits() {}

  /**
   * Calls {@code probe} until it returns a present value, and returns that value.
   *
   * @param what what is awaited, for the failure message
   * @param timeout the deadline
   * @param probe answers empty while not there yet; an exception counts as not yet
   * @param <T> the value
   * @return the value
   * @throws AssertionError if the deadline passes (with the probe's last exception as cause)
   */
  public static <T> T until(String what, Duration timeout, Callable<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (true) {
      try {
        Optional<T> value = probe.call();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      } catch (Exception e) {
        last = e;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /**
   * Calls {@code condition} until it is true.
   *
   * @param what what is awaited, for the failure message
   * @param timeout the deadline
   * @param condition the condition; an exception counts as false
   * @throws AssertionError if the deadline passes
   */
  public static void untilTrue(String what, Duration timeout, Callable<Boolean> condition) {
    until(what, timeout, () -> condition.call() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
