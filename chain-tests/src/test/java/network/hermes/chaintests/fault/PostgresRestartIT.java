package network.hermes.chaintests.fault;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.Durability;
import network.hermes.chaintests.support.PaymentLoad;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import network.hermes.promise.value.TokenAmount;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub's PostgreSQL stops and starts again (same port, same data) while consumers pay: the hub
 * keeps running, refuses with retryable answers while its database is gone, serves again after, and
 * nothing acknowledged is lost.
 */
@ExtendWith(SharedWorld.class)
class PostgresRestartIT {
  static final TokenAmount TENTH = TokenAmount.of(100_000_000_000_000_000L);

  static World world;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
  }

  @Test
  void aDatabaseRestartUnderLoadLosesNothingAcknowledged() throws Exception {
    List<ConsumerNode> consumers = world.consumers("pg-restart", 4, myst(100));
    List<ProviderNode> providers = world.providers("pg-restart", 4);
    PaymentLoad load = PaymentLoad.start(consumers, providers, List.of(world::hub), 0, TENTH);
    long hubPid = world.hubProcess().pid();
    try {
      for (int round = 1; round <= 2; round++) {
        long before = load.paid();
        Waits.untilTrue(
            "payments flowing", Duration.ofMinutes(2), () -> load.paid() >= before + 20);
        world.database().restart();
      }
      long after = load.paid();
      Waits.untilTrue(
          "payments flowing after the restarts",
          Duration.ofMinutes(2),
          () -> load.paid() >= after + 20);
    } finally {
      load.stop();
    }
    assertThat(load.await(Duration.ofMinutes(3))).as("payments refused").isEmpty();
    assertThat(world.hubProcess().isAlive()).as("the hub survived").isTrue();
    assertThat(world.hubProcess().pid()).isEqualTo(hubPid);
    Durability.assertNothingLost(world, consumers, providers);
    world.awaitReconciled();
  }
}
