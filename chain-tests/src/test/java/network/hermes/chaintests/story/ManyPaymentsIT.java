package network.hermes.chaintests.story;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import network.hermes.chaintests.reconcile.Reconciliation;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.PaymentLoad;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import network.hermes.hubclient.HubClient;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.testkit.HubProcess;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many consumers pay many providers at once, through one hub and through two hub instances on one
 * database; then every provider settles through the relay, the hub settles every consumer into its
 * contract, and the money reconciles to the wei: for each consumer promised = settled, for each
 * provider received = promised - fees, the hub contract moved by exactly settlements in minus
 * payouts out.
 */
@ExtendWith(SharedWorld.class)
class ManyPaymentsIT {
  /**
   * Five invoices of 1 MYST each: each consumer reaches the hub's 5 MYST settlement threshold with
   * its last one, so the hub settles all of it at once (a rest below the threshold would wait for
   * settlement.max-age-seconds).
   */
  static final int INVOICES = 5;

  static final TokenAmount DELTA = myst(1);

  static World world;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
  }

  @Test
  void manyConsumersPayManyProvidersThroughOneHubAndEverybodySettles() throws Exception {
    List<ConsumerNode> consumers = world.consumers("one-hub", 8, myst(20));
    List<ProviderNode> providers = world.providers("one-hub", 4);
    paySettleAndReconcile(consumers, providers, List.of(world::hub));
  }

  @Test
  void twoHubInstancesOnOneDatabaseServeTheSameConsumersAndProviders() throws Exception {
    List<ConsumerNode> consumers = world.consumers("two-hubs", 6, myst(20));
    List<ProviderNode> providers = world.providers("two-hubs", 3);
    HubProcess second = world.startHub();
    try {
      HubClient other = world.clientOf(second);
      paySettleAndReconcile(consumers, providers, List.of(world::hub, () -> other));
    } finally {
      second.terminate();
    }
  }

  private static void paySettleAndReconcile(
      List<ConsumerNode> consumers, List<ProviderNode> providers, List<Supplier<HubClient>> hubs)
      throws Exception {
    Address hermes = world.deployment().hermesId();
    TokenAmount hubBefore = world.chain().tokenBalance(hermes);

    PaymentLoad load = PaymentLoad.start(consumers, providers, hubs, INVOICES, DELTA);
    assertThat(load.await(Duration.ofMinutes(5))).as("refused payments").isEmpty();
    assertThat(load.paid()).isEqualTo((long) consumers.size() * INVOICES);

    // every provider settles its latest promise through the relay
    TokenAmount payoutsOut = TokenAmount.ZERO;
    for (ProviderNode p : providers) {
      TokenAmount earned = p.latest().amount();
      assertThat(p.acks()).isNotEmpty();
      ProviderNode.Settled settled = p.settleThroughRelay(world.hub());
      assertThat(settled.job().state()).as(settled.job().error()).isEqualTo(RelayJob.State.DONE);
      TokenAmount fee = settled.promise().fee();
      TokenAmount hubFee = world.chain().hermesFee(earned);
      assertThat(world.chain().tokenBalance(p.beneficiary()))
          .as("%s received promised - hub fee - transactor fee", p)
          .isEqualTo(earned.minus(hubFee).minus(fee));
      assertThat(world.chain().providerChannel(p.channelId()).settled()).isEqualTo(earned);
      payoutsOut = payoutsOut.plus(earned).minus(hubFee);
    }

    // the hub settles every consumer (each promised more than the settlement threshold)
    TokenAmount consumersIn = TokenAmount.ZERO;
    for (ConsumerNode c : consumers) {
      assertThat(c.promised()).isEqualTo(myst(INVOICES));
      Waits.untilTrue(
          "the hub to settle " + c,
          World.CHAIN_LAG,
          () -> world.chain().consumerChannel(c.channel()).settled().equals(c.promised()));
      assertThat(world.chain().tokenBalance(c.channel())).isEqualTo(myst(20).minus(c.promised()));
      consumersIn = consumersIn.plus(c.promised());
    }
    assertThat(world.chain().tokenBalance(hermes))
        .as("the hub contract moved by consumer settlements in minus provider payouts out")
        .isEqualTo(hubBefore.plus(consumersIn).minus(payoutsOut));

    Reconciliation r = world.awaitReconciled();
    for (ConsumerNode c : consumers) {
      assertThat(r.books().consumers().get(c.identity()).promised())
          .as("the hub's books of %s", c)
          .isEqualTo(c.promised());
    }
    for (ProviderNode p : providers) {
      assertThat(r.books().providers().get(p.channelId()).promised())
          .as("the hub's books of %s", p)
          .isEqualTo(p.latest().amount());
    }
    System.out.print(r.render(false));
  }
}
