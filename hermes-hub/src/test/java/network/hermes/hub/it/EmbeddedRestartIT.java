package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.hub.config.HubDeployment;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a hub with its embedded PostgreSQL under load, then a new hub on the same data folder
 * at once: the server the dead hub left running is found and stopped, the new hub starts its own on
 * the folder and is ready, and every promise a client saw acknowledged is there.
 */
class EmbeddedRestartIT {
  static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
  static final long CHAIN = DEP.chainId();

  @Test
  void aHubStartedRightAfterKillNineTakesTheFolderOverWithEveryAcknowledgedPromise()
      throws Exception {
    Path dir = Files.createTempDirectory("hermes-restart-it");
    Path data = dir.resolve("db");
    int port = HubProcess.freePort();
    List<Identity> consumers =
        IntStream.range(0, 20)
            .mapToObj(i -> ExchangeFactory.devIdentity("restart-c-" + i))
            .toList();
    List<Identity> providers =
        IntStream.range(0, 4).mapToObj(i -> ExchangeFactory.devIdentity("restart-p-" + i)).toList();
    ExchangeFactory exchanges = new ExchangeFactory(DEP, CHAIN);
    LoadDriver load = new LoadDriver(exchanges, consumers, providers);
    ProcessHandle leftBehind;
    try (HubProcess first = HubProcess.startEmbedded(data, port, dir.resolve("first.log"))) {
      try (Connection c = DriverManager.getConnection(first.embeddedJdbcUrl(), "postgres", null)) {
        for (Identity id : consumers) {
          Facts.consumer(c, CHAIN, id.address(), true, BigInteger.TEN.pow(18), BigInteger.ZERO);
        }
      }
      // one exchange at a time per provider, until enough promises were acknowledged
      Instant until = Instant.now().plus(Duration.ofSeconds(20));
      List<Thread> threads = load.start(workers(load, providers, first.baseUrl(), until));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (load.acks.size() < 100 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      leftBehind = LauncherStopIT.postmaster(data.resolve("hub-db")).orElseThrow();
      first.kill();
      LoadDriver.join(threads);
    }
    assertThat(load.acks).as("acknowledged before the kill").isNotEmpty();
    assertThat(leftBehind.isAlive()).as("the embedded server outlives kill -9 of its hub").isTrue();

    Instant restart = Instant.now();
    // the embedded database takes a free port, so the server left behind is not the new one's
    try (HubProcess again = HubProcess.startEmbedded(data, port, dir.resolve("second.log"))) {
      System.out.printf(
          "%s: %d promises acknowledged, ready again %d ms after kill -9%n",
          getClass().getSimpleName(),
          load.acks.size(),
          Duration.between(restart, Instant.now()).toMillis());
      assertThat(leftBehind.isAlive()).as("the server left behind").isFalse();
      ProcessHandle own = LauncherStopIT.postmaster(data.resolve("hub-db")).orElseThrow();
      assertThat(own.pid()).isNotEqualTo(leftBehind.pid());
      try (Connection c = DriverManager.getConnection(again.embeddedJdbcUrl(), "postgres", null)) {
        Invariants.acknowledgedArePersisted(c, load.acks);
        Invariants.check(c);
      }
      assertThat(Files.readString(again.log)).contains("was left running on");
      assertThat(again.stop()).as("graceful stop exit code").isZero();
      assertThat(own.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive())
          .as("the new server stops with its hub")
          .isFalse();
    } finally {
      LauncherStopIT.postmaster(data.resolve("hub-db")).ifPresent(ProcessHandle::destroyForcibly);
      LauncherStopIT.deleteTree(dir);
    }
  }

  static List<Runnable> workers(
      LoadDriver load, List<Identity> providers, String url, Instant until) {
    long[] seed = {1};
    return providers.stream()
        .<Runnable>map(
            p -> {
              long s = seed[0]++;
              return () -> load.providerWorker(url, p, s, until, 100_000);
            })
        .toList();
  }
}
