package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.hub.config.HubDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the hub process under load, then a restart on the same database: every promise a
 * client saw acknowledged is in the database, the invariants hold, and the hub serves again.
 */
class CrashRestartIT {
  static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
  static final long CHAIN = DEP.chainId();

  static TestDatabase db;

  @BeforeAll
  static void startDb() throws Exception {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDb() throws Exception {
    db.close();
  }

  @Test
  void acknowledgedPromisesSurviveKillNine() throws Exception {
    ExchangeFactory x = new ExchangeFactory(DEP, CHAIN);
    List<Identity> consumers =
        IntStream.range(0, 40)
            .mapToObj(i -> ExchangeFactory.devIdentity("crash-consumer-" + i))
            .toList();
    List<Identity> providers =
        IntStream.range(0, 8)
            .mapToObj(i -> ExchangeFactory.devIdentity("crash-provider-" + i))
            .toList();
    try (Connection c = db.connect()) {
      for (Identity id : consumers) {
        Facts.consumer(c, CHAIN, id.address(), true, BigInteger.TEN.pow(18), BigInteger.ZERO);
      }
    }
    Path logs = Files.createTempDirectory("crash-hub");
    int port = HubProcess.freePort();
    LoadDriver load = new LoadDriver(x, consumers, providers);
    try (HubProcess hub = HubProcess.start(db.url(), port, logs.resolve("first.log"))) {
      Instant until = Instant.now().plus(Duration.ofSeconds(8));
      List<Runnable> work = new ArrayList<>();
      long seed = 100;
      for (Identity p : providers) {
        long s = seed++;
        work.add(() -> load.providerWorker(hub.baseUrl(), p, s, until, 100_000));
      }
      List<Thread> threads = load.start(work);
      // kill while traffic flows: as soon as enough promises were acknowledged
      Instant deadline = Instant.now().plus(Duration.ofSeconds(6));
      while (load.acks.size() < 300 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      hub.kill();
      LoadDriver.join(threads);
      System.out.printf(
          "%s: %d acknowledged, rejections %s, transport errors %d%n",
          getClass().getSimpleName(), load.acks.size(), load.causes, load.transportErrors.get());
    }
    assertThat(load.acks).as("acknowledged before the crash").hasSizeGreaterThan(50);
    assertThat(load.transportErrors.get()).as("requests cut by the crash").isPositive();

    try (HubProcess again = HubProcess.start(db.url(), port, logs.resolve("second.log"))) {
      try (Connection c = db.connect()) {
        Invariants.acknowledgedArePersisted(c, load.acks);
        Invariants.check(c);
      }
      // the restarted hub serves the same providers (recovering R it lost track of on the way)
      LoadDriver after = new LoadDriver(x, consumers, providers);
      after.consumerTotals.forEach((k, v) -> v.set(load.consumerTotals.get(k).get()));
      Instant until = Instant.now().plus(Duration.ofSeconds(5));
      List<Runnable> work = new ArrayList<>();
      long seed = 200;
      for (Identity p : providers) {
        long s = seed++;
        work.add(() -> after.providerWorker(again.baseUrl(), p, s, until, 20));
      }
      LoadDriver.join(after.start(work));
      assertThat(after.acks).as("accepted after the restart").isNotEmpty();
      try (Connection c = db.connect()) {
        Invariants.check(c);
        Invariants.acknowledgedArePersisted(c, after.acks);
      }
      assertThat(again.stop()).as("graceful stop exit code").isIn(0, 143);
    }
  }
}
