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
 * Two hub processes on one database, driven concurrently on the same consumers and providers: the
 * database (row locks in a fixed order) is the single writer, so no consumer is accepted beyond its
 * balance and no provider is issued more than consumers promised for it.
 */
class TwoInstancesIT {
  static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
  static final long CHAIN = DEP.chainId();
  static final long BALANCE = 30_000;

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
  void twoHubsNeverOverspendAConsumerNorOverpayAProvider() throws Exception {
    ExchangeFactory x = new ExchangeFactory(DEP, CHAIN);
    List<Identity> consumers =
        IntStream.range(0, 12)
            .mapToObj(i -> ExchangeFactory.devIdentity("two-consumer-" + i))
            .toList();
    List<Identity> providers =
        IntStream.range(0, 5)
            .mapToObj(i -> ExchangeFactory.devIdentity("two-provider-" + i))
            .toList();
    try (Connection c = db.connect()) {
      for (Identity id : consumers) {
        Facts.consumer(c, CHAIN, id.address(), true, BigInteger.valueOf(BALANCE), BigInteger.ZERO);
      }
    }
    Path logs = Files.createTempDirectory("two-hubs");
    try (HubProcess a =
            HubProcess.start(
                db.url(), HubProcess.freePort(), logs.resolve("a.log"), "batch.enabled=true");
        HubProcess b =
            HubProcess.start(
                db.url(), HubProcess.freePort(), logs.resolve("b.log"), "batch.enabled=false")) {
      LoadDriver load = new LoadDriver(x, consumers, providers);
      Instant until = Instant.now().plus(Duration.ofSeconds(12));
      List<Runnable> work = new ArrayList<>();
      long seed = 1;
      for (Identity p : providers) {
        // each provider is served by both hubs at once
        for (HubProcess hub : List.of(a, b)) {
          long s = seed++;
          work.add(() -> load.providerWorker(hub.baseUrl(), p, s, until, 400));
        }
      }
      LoadDriver.join(load.start(work));
      System.out.printf(
          "%s: %d acknowledged, rejections %s, transport errors %d%n",
          getClass().getSimpleName(), load.acks.size(), load.causes, load.transportErrors.get());

      assertThat(load.acks).as("accepted exchanges").hasSizeGreaterThan(100);
      assertThat(load.causes)
          .as("consumers ran into their balance limit")
          .containsKey("consumer does not have enough balance and is overspending");
      try (Connection c = db.connect()) {
        Invariants.check(c);
        Invariants.acknowledgedArePersisted(c, load.acks);
        BigInteger accepted = Invariants.scalar(c, "SELECT sum(grand_total) FROM consumer_state");
        assertThat(accepted).isLessThanOrEqualTo(BigInteger.valueOf(BALANCE * consumers.size()));
        BigInteger acked =
            load.acks.stream().map(LoadDriver.Ack::delta).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(acked).as("sum of acknowledged increments").isEqualTo(accepted);
      }
    }
  }
}
