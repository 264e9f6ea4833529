package network.hermes.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import network.hermes.hub.core.Rejection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group-commit queue on a real event loop, with a stand-in for the database that holds each
 * batch until the test lets it commit: batch sizes, the in-flight limit, the queue bound, order.
 */
class TxBatcherTest {
  final Vertx vertx = Vertx.vertx();

  /** Records each batch and completes it only when told to, in the order batches came. */
  static final class HeldDatabase implements BatchExecutor {
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final List<Promise<Void>> held = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> execute(List<Pending<?>> batch) {
      List<String> names = new ArrayList<>();
      for (Pending<?> p : batch) {
        names.add(((Named) p.op()).name);
      }
      batches.add(names);
      Promise<Void> done = Promise.promise();
      held.add(done);
      return done.future()
          .onSuccess(
              v -> {
                for (Pending<?> p : batch) {
                  p.complete(((Named) p.op()).name);
                }
              });
    }

    void commit(int batch) {
      held.get(batch).complete();
    }
  }

  record Named(String name) implements BatchOp<String> {
    @Override
    public String apply(BatchState state) {
      return name;
    }
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void whatArrivesWhileATransactionIsInFlightSharesTheNextInOrderUpToTheBatchSize()
      throws Exception {
    HeldDatabase db = new HeldDatabase();
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    TxBatcher batcher =
        new TxBatcher(vertx, db, 3, 1, 1, 100, TxBatcher.Observer.sizes(sizes::add));
    List<Future<String>> results = new ArrayList<>();
    results.add(batcher.submit(new Named("a")));
    await("the first goes alone at once", () -> db.batches.size() == 1);
    for (String n : List.of("b", "c", "d", "e", "f")) {
      results.add(batcher.submit(new Named(n)));
    }
    await("five wait", () -> batcher.queued() == 5);
    assertThat(db.batches).as("one transaction in flight at most").hasSize(1);

    db.commit(0);
    await("the next batch", () -> db.batches.size() == 2);
    assertThat(db.batches.get(1)).containsExactly("b", "c", "d");
    assertThat(batcher.queued()).isEqualTo(2);
    db.commit(1);
    await("the last batch", () -> db.batches.size() == 3);
    assertThat(db.batches.get(2)).containsExactly("e", "f");
    db.commit(2);
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).await(10, TimeUnit.SECONDS))
          .isEqualTo("abcdef".substring(i, i + 1));
    }
    assertThat(sizes).containsExactly(1, 3, 2);
  }

  @Test
  void aTransactionBesideTheOneInFlightOpensOnlyOnceEnoughOperationsWait() throws Exception {
    HeldDatabase db = new HeldDatabase();
    TxBatcher batcher = new TxBatcher(vertx, db, 10, 2, 3, 100, TxBatcher.Observer.sizes(n -> {}));
    batcher.submit(new Named("a"));
    await("the first goes alone at once", () -> db.batches.size() == 1);
    batcher.submit(new Named("b"));
    batcher.submit(new Named("c"));
    await("two wait", () -> batcher.queued() == 2);
    assertThat(db.batches).as("two waiting are fewer than the overlap threshold").hasSize(1);
    batcher.submit(new Named("d"));
    await("a second transaction with the three", () -> db.batches.size() == 2);
    assertThat(db.batches.get(1)).containsExactly("b", "c", "d");
    batcher.submit(new Named("e"));
    await("the fifth waits", () -> batcher.queued() == 1);
    db.commit(0);
    await("the first committed", () -> batcher.inFlight() == 1);
    assertThat(db.batches).as("one waiting, one still in flight").hasSize(2);
    db.commit(1);
    await("with none in flight, the waiting one goes at once", () -> db.batches.size() == 3);
    assertThat(db.batches.get(2)).containsExactly("e");
  }

  @Test
  void operationsSubmittedBeforeTheBatcherRunsAreAdmittedTogether() throws Exception {
    HeldDatabase db = new HeldDatabase();
    // made and used in one task on one context: none is admitted before this task ends
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              TxBatcher batcher =
                  new TxBatcher(vertx, db, 10, 1, 1, 100, TxBatcher.Observer.sizes(n -> {}));
              List.of("a", "b", "c").forEach(n -> batcher.submit(new Named(n)));
            });
    await("one transaction", () -> db.batches.size() == 1);
    assertThat(db.batches.get(0)).containsExactly("a", "b", "c");
  }

  @Test
  void moreTransactionsInFlightWhenAllowed() throws Exception {
    HeldDatabase db = new HeldDatabase();
    TxBatcher batcher = new TxBatcher(vertx, db, 2, 2, 1, 100, TxBatcher.Observer.sizes(n -> {}));
    batcher.submit(new Named("a"));
    await("the first goes alone at once", () -> db.batches.size() == 1);
    batcher.submit(new Named("b"));
    await("two transactions in flight", () -> db.batches.size() == 2);
    batcher.submit(new Named("c"));
    await("the third waits", () -> batcher.queued() == 1);
    assertThat(db.batches).hasSize(2);
    db.commit(1);
    await("the third goes once one finished", () -> db.batches.size() == 3);
    assertThat(db.batches.get(2)).containsExactly("c");
  }

  @Test
  void aFullQueueRefusesAtOnceAsTooManySimultaneousRequests() throws Exception {
    HeldDatabase db = new HeldDatabase();
    TxBatcher batcher = new TxBatcher(vertx, db, 10, 1, 1, 2, TxBatcher.Observer.sizes(n -> {}));
    batcher.submit(new Named("in flight"));
    await("one in flight", () -> db.batches.size() == 1);
    Future<String> b = batcher.submit(new Named("b"));
    Future<String> c = batcher.submit(new Named("c"));
    Future<String> refused = batcher.submit(new Named("d"));
    await("the refusal", refused::isComplete);
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause())
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.rejection()).isEqualTo(Rejection.TOO_MANY_SIMULTANEOUS_REQUESTS));
    assertThat(batcher.queued()).isEqualTo(2);
    db.commit(0);
    await("the queued ones commit", () -> db.batches.size() == 2);
    db.commit(1);
    assertThat(b.await(10, TimeUnit.SECONDS)).isEqualTo("b");
    assertThat(c.await(10, TimeUnit.SECONDS)).isEqualTo("c");
  }
}
