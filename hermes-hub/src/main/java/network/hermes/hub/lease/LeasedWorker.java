package network.hermes.hub.lease;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a round of singleton work on a virtual thread of its own every {@code interval} (or sooner
 * when {@link #wake woken}), but only while the instance holds the lease. This is the chain duties'
 * one concurrency model: a round blocks on the chain (JSON-RPC, waiting for receipts) and on the
 * database (Vert.x futures through {@code Future.await()}), never on an event loop.
 */
public final class LeasedWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedWorker.class);

  /** One round of work. */
  @FunctionalInterface
  public interface Round {
    void run() throws Exception;
  }

  private final String name;
  private final LeaseKeeper lease;
  private final long intervalMillis;
  private final Round round;
  private final Round onAcquired;
  private final Semaphore wakeups = new Semaphore(0);
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopping;
  private long seenHolding = Long.MIN_VALUE;

  /**
   * @param onAcquired runs before the first round of every holding (reload state another holder may
   *     have changed), or null
   */
  public LeasedWorker(
      String name, LeaseKeeper lease, Duration interval, Round round, Round onAcquired) {
    this.name = Objects.requireNonNull(name);
    this.lease = Objects.requireNonNull(lease);
    this.intervalMillis = Math.max(1, interval.toMillis());
    this.round = Objects.requireNonNull(round);
    this.onAcquired = onAcquired;
    this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
  }

  public LeasedWorker start() {
    thread.start();
    return this;
  }

  /** Asks for a round now instead of at the next interval (no effect without the lease). */
  public void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  /** Rounds run so far by this instance. */
  public long rounds() {
    return rounds.get();
  }

  /** Rounds that ended with an error. */
  public long failures() {
    return failures.get();
  }

  public boolean active() {
    return lease.held();
  }

  private void loop() {
    while (!stopping) {
      if (lease.held()) {
        try {
          long holding = lease.heldSince();
          if (holding != seenHolding) {
            if (onAcquired != null) {
              onAcquired.run();
            }
            seenHolding = holding;
          }
          round.run();
          rounds.incrementAndGet();
        } catch (InterruptedException e) {
          if (stopping) {
            return;
          }
          Thread.currentThread().interrupt();
          return;
        } catch (LeaseLostException e) {
          LOG.warn("{}: {}", name, e.getMessage());
        } catch (Exception | AssertionError e) {
          failures.incrementAndGet();
          if (stopping) {
            return;
          }
          LOG.warn("{}: round failed, retrying at the next round: {}", name, e.toString());
          LOG.debug("{}: round failure", name, e);
        }
      }
      try {
        wakeups.tryAcquire(intervalMillis, TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("{}: did not stop within 10 s", name);
    }
  }
}
