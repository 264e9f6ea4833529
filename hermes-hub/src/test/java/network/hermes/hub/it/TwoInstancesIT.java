package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two hub processes on one database, driven concurrently on the same consumers and providers: the
 * database (row locks in a fixed order) is the single writer, so no consumer is accepted beyond its
 * balance and no provider is issued more than consumers promised for it.
 */
class TwoInstancesIT {
  static final long BALANCE = 30_000;

  @Test
  void twoHubsNeverOverspendAConsumerNorOverpayAProvider() throws Exception {
    try (LoadWorld world = LoadWorld.start("two", 12, 5, BigInteger.valueOf(BALANCE));
        HubProcess a = world.startHub(HubProcess.freePort(), "a.log", "batch.enabled=true");
        HubProcess b = world.startHub(HubProcess.freePort(), "b.log", "batch.enabled=false")) {
      LoadDriver load = world.driver();
      // the run is bounded by count (150 attempts per worker, about three times what the balances
      // allow);
      // the deadline only guards against a hang, so a slow machine still runs the whole workload
      Instant until = Instant.now().plus(Duration.ofMinutes(5));
      // each provider is served by both hubs at once
      LoadDriver.join(
          load.start(world.workers(load, List.of(a.baseUrl(), b.baseUrl()), 1, until, 150)));
      System.out.printf("%s: %s%n", getClass().getSimpleName(), load.summary());

      assertThat(load.acks).as("accepted exchanges").hasSizeGreaterThan(100);
      assertThat(load.causes)
          .as("consumers ran into their balance limit")
          .containsKey("consumer does not have enough balance and is overspending");
      try (Connection c = world.db.connect()) {
        Invariants.check(c);
        Invariants.acknowledgedArePersisted(c, load.acks);
        BigInteger accepted = Invariants.scalar(c, "SELECT sum(grand_total) FROM consumer_state");
        assertThat(accepted)
            .isLessThanOrEqualTo(BigInteger.valueOf(BALANCE * world.consumers.size()));
        BigInteger acked =
            load.acks.stream().map(LoadDriver.Ack::delta).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(acked).as("sum of acknowledged increments").isEqualTo(accepted);
      }
    }
  }
}
