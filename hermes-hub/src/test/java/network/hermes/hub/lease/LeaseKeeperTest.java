package network.hermes.hub.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a holder may act: only while a renewal is recent, never after a failed one. */
class LeaseKeeperTest {
  static final class FakeStore implements LeaseStore {
    boolean grant = true;
    boolean fail;
    int released;

    @Override
    public Future<Boolean> acquireOrRenew() {
      if (fail) {
        return Future.failedFuture(new java.io.IOException("database down"));
      }
      return Future.succeededFuture(grant);
    }

    @Override
    public Future<Void> release() {
      released++;
      return Future.succeededFuture();
    }
  }

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final FakeStore store = new FakeStore();
  // ttl 30 s: renew every 10 s, act for at most 20 s after a renewal began
  final LeaseKeeper keeper =
      new LeaseKeeper("test", store, Duration.ofSeconds(30), nanos::get, false);

  void advanceSeconds(long s) {
    nanos.addAndGet(Duration.ofSeconds(s).toNanos());
  }

  @Test
  void heldAfterAnAcquisitionUntilTwoThirdsOfTheTtlWithoutRenewal() {
    assertThat(keeper.held()).isFalse();
    keeper.tick();
    assertThat(keeper.held()).isTrue();
    advanceSeconds(19);
    assertThat(keeper.held()).isTrue();
    advanceSeconds(1);
    assertThat(keeper.held()).isFalse();
    keeper.tick();
    assertThat(keeper.held()).isTrue();
  }

  @Test
  void aRefusedOrFailedRenewalStopsTheWorkAtOnce() {
    keeper.tick();
    store.grant = false;
    keeper.tick();
    assertThat(keeper.held()).isFalse();
    store.grant = true;
    keeper.tick();
    assertThat(keeper.held()).isTrue();
    store.fail = true;
    keeper.tick();
    assertThat(keeper.held()).isFalse();
  }

  @Test
  void aNewHoldingIsANewEpoch() {
    keeper.tick();
    long first = keeper.heldSince();
    advanceSeconds(5);
    keeper.tick();
    assertThat(keeper.heldSince()).isEqualTo(first);
    store.grant = false;
    keeper.tick();
    store.grant = true;
    advanceSeconds(5);
    keeper.tick();
    assertThat(keeper.heldSince()).isGreaterThan(first);
  }

  @Test
  void closingGivesTheLeaseUp() {
    keeper.tick();
    keeper.close();
    assertThat(store.released).isEqualTo(1);
    assertThat(keeper.held()).isFalse();
  }
}
