package network.hermes.hub.lease;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a lease: renews it every {@code ttl / 3} on a virtual thread of its own and tells the
 * workers it guards whether they may act ({@link #held()}). The lease counts as held only for
 * {@code safeFor} after the start of the last successful renewal (measured with this process's
 * monotonic clock, which started no later than the database's expiry clock), so a holder that
 * cannot reach the database stops acting before anyone else may take over. Writes the workers make
 * are also fenced in the database (see {@link PgLease#FENCE}).
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final String name;
  private final LeaseStore store;
  private final long safeForNanos;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService executor;
  private volatile long heldSince = Long.MIN_VALUE;
  private volatile long renewedAt;
  private volatile boolean held;
  private final long renewEveryMillis;

  /**
   * @param ttl how long the database keeps the lease after a renewal
   */
  public LeaseKeeper(String name, LeaseStore store, Duration ttl) {
    this(name, store, ttl, System::nanoTime, true);
  }

  LeaseKeeper(
      String name, LeaseStore store, Duration ttl, LongSupplier nanoTime, boolean ownThread) {
    this.name = Objects.requireNonNull(name);
    this.store = Objects.requireNonNull(store);
    this.nanoTime = Objects.requireNonNull(nanoTime);
    // renew at a third of the ttl; act for at most two thirds after a renewal began
    this.renewEveryMillis = Math.max(1, ttl.toMillis() / 3);
    this.safeForNanos = ttl.toNanos() * 2 / 3;
    this.executor =
        ownThread
            ? Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("lease-" + name).factory())
            : null;
  }

  /** Starts renewing in the background (the first attempt runs at once). */
  public LeaseKeeper start() {
    executor.scheduleWithFixedDelay(this::tick, 0, renewEveryMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One acquisition or renewal attempt. */
  void tick() {
    long started = nanoTime.getAsLong();
    boolean ok;
    try {
      ok = store.acquireOrRenew().await();
    } catch (Exception e) {
      ok = false;
      if (held) {
        LOG.warn("lease {}: renewal failed ({}); stopping its work", name, e.toString());
      }
    }
    if (ok) {
      if (!held) {
        heldSince = started;
        LOG.info("lease {}: acquired; this instance now runs its work", name);
      }
      renewedAt = started;
      held = true;
    } else {
      if (held) {
        LOG.warn("lease {}: lost", name);
      }
      held = false;
    }
  }

  /** Whether this instance may do the lease's work now. */
  public boolean held() {
    return held && nanoTime.getAsLong() - renewedAt < safeForNanos;
  }

  /** Monotonic time (nanoTime) of the acquisition this holding started with. */
  public long heldSince() {
    return heldSince;
  }

  public String name() {
    return name;
  }

  /** Stops renewing and gives the lease up, so that another instance takes over at once. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (held) {
      held = false;
      try {
        store.release().await();
        LOG.info("lease {}: released", name);
      } catch (Exception e) {
        LOG.warn("lease {}: release failed ({}); it expires on its own", name, e.toString());
      }
    }
  }
}
