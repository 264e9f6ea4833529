package network.hermes.settler.store;

import static network.hermes.settler.TestPromises.CHAIN;
import static network.hermes.settler.TestPromises.HERMES;
import static network.hermes.settler.TestPromises.PROVIDER;
import static network.hermes.settler.TestPromises.earned;
import static network.hermes.settler.TestPromises.promise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.TestPromises;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarningsStoreTest {
  @TempDir Path dir;

  @Test
  void storesAndReadsBackThePromiseWithItsR() {
    EarningsStore store = EarningsStore.open(dir);
    EarnedPromise p = earned(1_000, 5, "a");
    assertThat(store.put(p).outcome()).isEqualTo(EarningsStore.Outcome.STORED);

    EarningsStore reopened = EarningsStore.open(dir);
    assertThat(reopened.latest(CHAIN, HERMES, PROVIDER.address(), ChannelKind.EARNINGS))
        .contains(p);
    assertThat(reopened.latest(CHAIN, HERMES, p.channelId())).contains(p);
    assertThat(reopened.all()).containsExactly(p);
  }

  @Test
  void aLowerAmountNeverReplacesAHigherOne() {
    EarningsStore store = EarningsStore.open(dir);
    EarnedPromise high = earned(2_000, 0, "high");
    store.put(high);

    EarningsStore.PutResult result = store.put(earned(1_999, 0, "lower"));

    assertThat(result.outcome()).isEqualTo(EarningsStore.Outcome.KEPT_HIGHER);
    assertThat(result.current()).isEqualTo(high);
    assertThat(store.latest(CHAIN, HERMES, high.channelId())).contains(high);
  }

  @Test
  void theSameAmountMayReplaceItForANewFeeOrHashlock() {
    EarningsStore store = EarningsStore.open(dir);
    store.put(earned(2_000, 0, "a"));

    EarnedPromise newFee = earned(2_000, 7, "a");
    assertThat(store.put(newFee).outcome()).isEqualTo(EarningsStore.Outcome.STORED);
    EarnedPromise refreshed = earned(2_000, 7, "b");
    assertThat(store.put(refreshed).outcome()).isEqualTo(EarningsStore.Outcome.STORED);
    assertThat(store.put(refreshed).outcome()).isEqualTo(EarningsStore.Outcome.UNCHANGED);
    assertThat(store.latest(CHAIN, HERMES, refreshed.channelId())).contains(refreshed);
  }

  @Test
  void earningsAndWithdrawalChannelsAreKeptApart() {
    EarningsStore store = EarningsStore.open(dir);
    EarnedPromise earnings = earned(3_000, 0, "e");
    EarnedPromise withdrawal =
        new EarnedPromise(
            HERMES,
            PROVIDER.address(),
            ChannelKind.WITHDRAWAL,
            promise(ChannelKind.WITHDRAWAL, 10, 0, "w"));
    store.put(earnings);
    store.put(withdrawal);
    assertThat(store.latest(CHAIN, HERMES, PROVIDER.address(), ChannelKind.WITHDRAWAL))
        .contains(withdrawal);
    assertThat(store.all()).containsExactlyInAnyOrder(earnings, withdrawal);
  }

  @Test
  void aPromiseWithoutItsRoronAnotherChannelIsNotAccepted() {
    assertThatThrownBy(
            () ->
                new EarnedPromise(
                    HERMES,
                    PROVIDER.address(),
                    ChannelKind.EARNINGS,
                    promise(ChannelKind.EARNINGS, 1, 0, "a").withR(TestPromises.r("other"))))
        .hasMessageContaining("R of its hashlock");
    assertThatThrownBy(
            () ->
                new EarnedPromise(
                    HERMES,
                    PROVIDER.address(),
                    ChannelKind.EARNINGS,
                    promise(ChannelKind.WITHDRAWAL, 1, 0, "a")))
        .hasMessageContaining("not on the earnings channel");
  }

  @Test
  void writesLeaveNoTemporaryFilesAndOwnerOnlyPermissions() throws Exception {
    EarningsStore store = EarningsStore.open(dir);
    for (int i = 1; i <= 5; i++) {
      store.put(earned(i * 100, 0, "p" + i));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> names =
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      assertThat(names).noneMatch(n -> n.endsWith(".tmp"));
      assertThat(names.stream().filter(n -> n.endsWith(".json"))).hasSize(1);
    }
    Path file =
        dir.resolve("31337")
            .resolve(HERMES.toHex())
            .resolve(earned(1, 0, "x").channelId().toHex() + ".json");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void concurrentWritersFromTwoStoreInstancesKeepTheHighest() throws Exception {
    // two instances on one folder stand for two processes (the file lock serialises them)
    EarningsStore a = EarningsStore.open(dir);
    EarningsStore b = EarningsStore.open(dir);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 1; i <= 200; i++) {
        int amount = i;
        EarningsStore s = i % 2 == 0 ? a : b;
        futures.add(pool.submit(() -> s.put(earned(amount, 0, "c" + amount))));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    EarnedPromise latest =
        EarningsStore.open(dir).latest(CHAIN, HERMES, earned(1, 0, "x").channelId()).orElseThrow();
    assertThat(latest.promise().amount()).isEqualTo(TokenAmount.of(200));
    assertThat(latest.r()).isEqualTo(TestPromises.r("c200"));
  }

  @Test
  void anUnreadableFileIsReportedWithItsName() throws Exception {
    EarningsStore store = EarningsStore.open(dir);
    EarnedPromise p = earned(1, 0, "a");
    store.put(p);
    Path file =
        dir.resolve("31337").resolve(HERMES.toHex()).resolve(p.channelId().toHex() + ".json");
    Files.writeString(file, "{\"chainId\":");
    assertThatThrownBy(() -> store.latest(CHAIN, HERMES, p.channelId()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString());
  }
}
