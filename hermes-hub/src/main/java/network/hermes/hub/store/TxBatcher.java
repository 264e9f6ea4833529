package network.hermes.hub.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import network.hermes.hub.core.Rejection;

/**
 * Group commit: operations that arrive while a transaction is in flight wait and then share the
 * next transaction (one lock pass, one commit, one fsync). Under light load a request goes alone at
 * once, so batching adds no latency; under heavy load batches grow up to {@code maxBatch}.
 *
 * <p>A transaction beside one already in flight opens only once {@code overlapAt} operations wait:
 * at moderate load every operation shares one large batch (the least database work per request),
 * under pressure a second transaction uses the database's other core.
 *
 * <p>With {@code maxBatch = 1} every request has its own transaction (the benchmark baseline). All
 * state of the batcher lives on one Vert.x context; callers on other event loops hop to it.
 */
public final class TxBatcher {
  /** What the metrics learn of each transaction. */
  public interface Observer {
    /** A transaction of {@code size} operations starts; each waited {@code waitNanos} for it. */
    void started(int size, long[] waitNanos);

    /** It ended (committed or failed) {@code nanos} after it started. */
    void ended(long nanos);

    /** Counts only the batch sizes. */
    static Observer sizes(java.util.function.IntConsumer sizes) {
      return new Observer() {
        @Override
        public void started(int size, long[] waitNanos) {
          sizes.accept(size);
        }

        @Override
        public void ended(long nanos) {}
      };
    }
  }

  private final BatchExecutor store;
  private final Context context;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<BatchExecutor.Pending<?>> queue = new ArrayDeque<>();
  // operations submitted from any thread, not yet moved to the queue on the batcher's context
  private final java.util.concurrent.ConcurrentLinkedQueue<BatchExecutor.Pending<?>> incoming =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicBoolean admitScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Observer observer;
  private final int maxQueue;
  private final int overlapAt;
  private volatile int inFlight;

  /**
   * @param overlapAt operations that must wait before a transaction opens beside one in flight (1:
   *     as soon as any waits)
   * @param maxQueue operations allowed to wait; beyond it a request is refused at once (429)
   *     instead of queueing without bound while the database is slow
   */
  public TxBatcher(
      Vertx vertx,
      BatchExecutor store,
      int maxBatch,
      int maxInFlight,
      int overlapAt,
      int maxQueue,
      Observer observer) {
    this.maxQueue = maxQueue;
    if (maxBatch < 1 || maxInFlight < 1 || overlapAt < 1) {
      throw new IllegalArgumentException("maxBatch, maxInFlight and overlapAt must be positive");
    }
    this.overlapAt = overlapAt;
    this.store = store;
    this.context = vertx.getOrCreateContext();
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.observer = observer;
  }

  /** Queues the operation; the future completes after its transaction committed (or failed). */
  public <R> Future<R> submit(BatchOp<R> op) {
    Promise<R> promise = Promise.promise();
    incoming.add(new BatchExecutor.Pending<>(op, promise));
    // one hop to the batcher's context for all operations that arrive before it runs
    if (admitScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> admit());
    }
    return promise.future();
  }

  private void admit() {
    admitScheduled.set(false);
    BatchExecutor.Pending<?> pending;
    while ((pending = incoming.poll()) != null) {
      if (queue.size() >= maxQueue) {
        pending.fail(
            new StoreException(
                Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS, "transaction queue full", null));
      } else {
        queue.add(pending);
      }
    }
    drain();
  }

  /** Transactions under way, for the metrics. */
  public int inFlight() {
    return inFlight;
  }

  /** Operations waiting for a transaction, for the metrics. */
  public int queued() {
    return queue.size();
  }

  private void drain() {
    while (inFlight < maxInFlight
        && !queue.isEmpty()
        && (inFlight == 0 || queue.size() >= overlapAt)) {
      int n = Math.min(maxBatch, queue.size());
      List<BatchExecutor.Pending<?>> batch = new ArrayList<>(n);
      long start = System.nanoTime();
      long[] waits = new long[n];
      for (int i = 0; i < n; i++) {
        BatchExecutor.Pending<?> p = queue.poll();
        batch.add(p);
        waits[i] = start - p.queuedAt();
      }
      inFlight++;
      observer.started(n, waits);
      store
          .execute(batch)
          .onComplete(
              ar ->
                  context.runOnContext(
                      v -> {
                        observer.ended(System.nanoTime() - start);
                        inFlight--;
                        drain();
                      }));
    }
  }
}
