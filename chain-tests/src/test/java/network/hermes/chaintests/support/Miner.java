package network.hermes.chaintests.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mines a block every interval, so that a hub waiting for confirmations sees its blocks confirmed;
 * paused while a test shapes the chain's tip.
 */
public final class Miner implements AutoCloseable {
  private final Chain chain;
  private final Duration every;
  private final AtomicBoolean paused = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread thread;
  private final Object lock = new Object();

  public Miner(Chain chain, Duration every) {
    this.chain = chain;
    this.every = every;
    this.thread = Thread.ofPlatform().daemon().name("miner").start(this::run);
  }

  private void run() {
    while (!stopped.get()) {
      synchronized (lock) {
        if (!paused.get()) {
          try {
            chain.mine();
          } catch (RuntimeException e) {
            // the devnet is going away with the test
          }
        }
      }
      try {
        Thread.sleep(every.toMillis()); // a block time, not an ordering wait
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops mining; returns once no block is being mined. */
  public void pause() {
    synchronized (lock) {
      paused.set(true);
    }
  }

  public void resume() {
    paused.set(false);
  }

  @Override
  public void close() {
    stopped.set(true);
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
