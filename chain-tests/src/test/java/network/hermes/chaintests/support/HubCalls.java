package network.hermes.chaintests.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubException;

/**
 * How a node calls the hub: the identical request again after an answer that promises nothing (no
 * answer, busy, internal error, unavailable), until a definite answer or a deadline. Retrying the
 * same bytes is safe: the hub answers a repeated request with what it stored.
 */
public final class HubCalls {
  /** The causes after which the outcome is unknown or nothing changed, and a retry may succeed. */
  public static final Set<HubCause> RETRYABLE =
      Set.of(
          HubCause.UNREACHABLE,
          HubCause.BAD_RESPONSE,
          HubCause.TOO_MANY_REQUESTS,
          HubCause.INTERNAL_ERROR,
          HubCause.SERVICE_UNAVAILABLE);

  private static final AtomicLong RETRIES = new AtomicLong();

  private HubCalls() {}

  /** A hub call. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws HubException;
  }

  /**
   * Calls until a definite answer.
   *
   * @param what for the failure message
   * @param deadline how long to keep trying
   * @param call the call, the same request each time
   * @return the answer
   * @throws HubException the definite refusal, or the last retryable one at the deadline
   */
  public static <T> T retrying(String what, Duration deadline, Call<T> call) throws HubException {
    Instant until = Instant.now().plus(deadline);
    long pause = 50;
    while (true) {
      try {
        return call.call();
      } catch (HubException e) {
        if (!RETRYABLE.contains(e.kind()) || Instant.now().isAfter(until)) {
          throw e;
        }
        RETRIES.incrementAndGet();
      }
      try {
        Thread.sleep(pause); // back-off of a client, not an ordering wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during " + what, e);
      }
      pause = Math.min(pause * 2, 1_000);
    }
  }

  /** Retries made so far in this JVM (for the test reports). */
  public static long retries() {
    return RETRIES.get();
  }
}
