package network.hermes.hub.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/** Runs a batch of operations in one transaction (the {@link TxBatcher}'s database side). */
public interface BatchExecutor {
  /**
   * Runs the operations and completes each one's promise; the returned future completes once all
   * have (it never fails: failures go to the operations' promises).
   */
  Future<Void> execute(List<Pending<?>> batch);

  /** An operation with the promise its caller waits on. */
  record Pending<R>(BatchOp<R> op, Promise<R> promise) {
    void complete(Object result) {
      @SuppressWarnings("unchecked")
      R r = (R) result;
      promise.tryComplete(r);
    }
  }
}
