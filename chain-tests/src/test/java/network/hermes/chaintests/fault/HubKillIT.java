package network.hermes.chaintests.fault;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
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
 * {@code kill -9} of the hub while consumers pay (and its settler settles), then a restart at once
 * on the same database and port, again and again: nothing acknowledged is lost and every invariant
 * holds. {@code -Dhermes.kill-cycles=N} sets the number of kills (3 in CI, 25 in the long run).
 */
@ExtendWith(SharedWorld.class)
class HubKillIT {
  /** 0.05 MYST an invoice: consumers cross the 5 MYST settlement threshold under the kills. */
  static final TokenAmount DELTA =
      TokenAmount.of(BigInteger.TEN.pow(18).divide(BigInteger.valueOf(20)));

  static World world;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
  }

  @Test
  void killNineUnderLoadLosesNothingAcknowledged() throws Exception {
    int cycles = Integer.getInteger("hermes.kill-cycles", 3);
    List<ConsumerNode> consumers = world.consumers("kill", 6, myst(500));
    List<ProviderNode> providers = world.providers("kill", 6);
    PaymentLoad load = PaymentLoad.start(consumers, providers, List.of(world::hub), 0, DELTA);
    long restartMillis = 0;
    try {
      for (int cycle = 1; cycle <= cycles; cycle++) {
        long before = load.paid();
        Waits.untilTrue(
            "payments flowing before kill " + cycle,
            Duration.ofMinutes(3),
            () -> load.paid() >= before + 30);
        world.hubProcess().kill();
        long started = System.nanoTime();
        world.restartHub();
        restartMillis = Math.max(restartMillis, (System.nanoTime() - started) / 1_000_000);
      }
      long afterLast = load.paid();
      Waits.untilTrue(
          "payments flowing after the last restart",
          Duration.ofMinutes(3),
          () -> load.paid() >= afterLast + 30);
    } finally {
      load.stop();
    }
    assertThat(load.await(Duration.ofMinutes(4))).as("payments refused").isEmpty();
    int acks = Durability.assertNothingLost(world, consumers, providers);
    world.awaitReconciled();
    System.out.printf(
        "HubKillIT: %d kill -9 cycles survived, %d invoices paid, %d acknowledged promises, 0 lost,"
            + " slowest restart %d ms%n",
        cycles, load.paid(), acks, restartMillis);
  }
}
