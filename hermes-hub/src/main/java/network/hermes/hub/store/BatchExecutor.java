package network.hermes.hub.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/** Runs a batch of operations in one transaction (the {@link TxBatcher}'s database side). */
public interface BatchExecutor {
  /**
   * Runs the operations and completes each one's promise; the returned future completes once all
   * have (it never fails: failures go to the operations' promises).
   */
  Future<Void> execute(List<Pending<?>> batch);

  /**
   * An operation with the promise its caller waits on, the caller's context (null off Vert.x) and
   * when it was queued (nanoTime).
   */
  record Pending<R>(BatchOp<R> op, Promise<R> promise, Context caller, long queuedAt) {
    Pending(BatchOp<R> op, Promise<R> promise) {
      this(op, promise, Vertx.currentContext(), System.nanoTime());
    }

    /**
     * Completes the caller's promise on the caller's context: what it does next (the hub's
     * signature, the response) runs there, not on the batcher's, which goes on to the next batch.
     */
    void complete(Object result) {
      onCaller(() -> completeHere(result));
    }

    void fail(Throwable cause) {
      onCaller(() -> promise.tryFail(cause));
    }

    /**
     * Completes every operation of a batch with its result: one task per caller context rather than
     * one per operation, so that each event loop is woken once per transaction.
     */
    static void completeAll(List<Pending<?>> batch, List<?> results) {
      java.util.Map<Context, List<Runnable>> byCaller = new java.util.IdentityHashMap<>();
      Context here = Vertx.currentContext();
      for (int i = 0; i < batch.size(); i++) {
        Pending<?> p = batch.get(i);
        Object result = results.get(i);
        Runnable action = () -> p.completeHere(result);
        if (p.caller == null || p.caller == here) {
          action.run();
        } else {
          byCaller.computeIfAbsent(p.caller, c -> new java.util.ArrayList<>()).add(action);
        }
      }
      byCaller.forEach(
          (caller, actions) -> caller.runOnContext(v -> actions.forEach(Runnable::run)));
    }

    private void completeHere(Object result) {
      @SuppressWarnings("unchecked")
      R r = (R) result;
      promise.tryComplete(r);
    }

    private void onCaller(Runnable action) {
      if (caller == null || caller == Vertx.currentContext()) {
        action.run();
      } else {
        caller.runOnContext(v -> action.run());
      }
    }
  }
}
