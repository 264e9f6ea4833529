package network.hermes.hub.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import network.hermes.hub.core.Rejection;

/**
 * Group commit: operations that arrive while a transaction is in flight wait and then share the
 * next transaction (one lock pass, one commit, one fsync). Under light load a request goes alone at
 * once, so batching adds no latency; under heavy load batches grow up to {@code maxBatch}.
 *
 * <p>With {@code maxBatch = 1} every request has its own transaction (the benchmark baseline). All
 * state of the batcher lives on one Vert.x context; callers on other event loops hop to it.
 */
public final class TxBatcher {
  private final BatchExecutor store;
  private final Context context;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<BatchExecutor.Pending<?>> queue = new ArrayDeque<>();
  private final IntConsumer batchSizes;
  private final int maxQueue;
  private int inFlight;

  /**
   * @param maxQueue operations allowed to wait; beyond it a request is refused at once (429)
   *     instead of queueing without bound while the database is slow
   */
  public TxBatcher(
      Vertx vertx,
      BatchExecutor store,
      int maxBatch,
      int maxInFlight,
      int maxQueue,
      IntConsumer batchSizes) {
    this.maxQueue = maxQueue;
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch and maxInFlight must be positive");
    }
    this.store = store;
    this.context = vertx.getOrCreateContext();
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.batchSizes = batchSizes;
  }

  /** Queues the operation; the future completes after its transaction committed (or failed). */
  public <R> Future<R> submit(BatchOp<R> op) {
    Promise<R> promise = Promise.promise();
    BatchExecutor.Pending<R> pending = new BatchExecutor.Pending<>(op, promise);
    context.runOnContext(
        v -> {
          if (queue.size() >= maxQueue) {
            promise.tryFail(
                new StoreException(
                    Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS, "transaction queue full", null));
            return;
          }
          queue.add(pending);
          drain();
        });
    return promise.future();
  }

  /** Operations waiting for a transaction, for the metrics. */
  public int queued() {
    return queue.size();
  }

  private void drain() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      int n = Math.min(maxBatch, queue.size());
      List<BatchExecutor.Pending<?>> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(queue.poll());
      }
      inFlight++;
      batchSizes.accept(n);
      store
          .execute(batch)
          .onComplete(
              ar ->
                  context.runOnContext(
                      v -> {
                        inFlight--;
                        drain();
                      }));
    }
  }
}
