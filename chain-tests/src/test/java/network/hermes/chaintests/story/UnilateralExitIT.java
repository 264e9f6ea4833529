package network.hermes.chaintests.story;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A consumer leaves its channel without the hub while the hub holds promises of it that are not
 * settled (below the settlement threshold): the hub sees the exit request, refuses new promises,
 * and settles what it holds before the time lock ends; the consumer leaves with exactly its balance
 * minus what it promised, and the provider is paid what it earned.
 */
@ExtendWith(SharedWorld.class)
class UnilateralExitIT {
  static World world;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
  }

  @Test
  void theHubSettlesWhatItHoldsBeforeTheExitAndTheConsumerLeavesWithTheRest() throws Exception {
    ConsumerNode consumer = world.consumer("exit", myst(10));
    ProviderNode provider = world.provider("exit");
    ProviderNode.Agreement session = provider.agree(consumer);
    provider.earn(world.hub(), session, myst(1));
    provider.earn(world.hub(), session, myst(1).plus(TokenAmount.of(12_345))); // odd wei
    TokenAmount promised = consumer.promised();
    assertThat(world.chain().consumerChannel(consumer.channel()).settled())
        .as("below the threshold: nothing settled yet")
        .isEqualTo(TokenAmount.ZERO);

    Address beneficiary = world.address("exit beneficiary");
    long exitBlock = world.chain().requestExit(consumer, beneficiary).blockNumber();
    long timelock = world.chain().consumerChannel(consumer.channel()).exitTimelock();
    assertThat(world.chain().client().at(exitBlock).consumerChannel(consumer.channel()).settled())
        .as("the hub held unsettled promises when the exit was requested")
        .isEqualTo(TokenAmount.ZERO);

    // the hub settles what it holds (below its threshold: the exit is why), before the time lock
    Waits.untilTrue(
        "the hub to settle the exiting consumer",
        World.CHAIN_LAG,
        () -> world.chain().consumerChannel(consumer.channel()).settled().equals(promised));
    assertThat(world.chain().latestBlockTime()).isLessThan(timelock);

    // and promises nothing more on a balance that is leaving
    assertThatThrownBy(() -> provider.earn(world.hub(), session, myst(1)))
        .isInstanceOfSatisfying(
            HubException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(HubCause.CONSUMER_OVERSPENDING);
              assertThat(e.status()).isEqualTo(402);
            });
    assertThat(consumer.promised()).isEqualTo(promised);

    world.chain().advanceTime(timelock - world.chain().latestBlockTime() + 1);
    world.chain().finalizeExit(consumer.channel());
    assertThat(world.chain().tokenBalance(beneficiary))
        .as("the consumer leaves with its balance minus what it promised")
        .isEqualTo(myst(10).minus(promised));
    assertThat(world.chain().tokenBalance(consumer.channel())).isEqualTo(TokenAmount.ZERO);
    assertThatThrownBy(() -> world.chain().finalizeExit(consumer.channel())).as("the exit is over");

    ProviderNode.Settled settled = provider.settleThroughRelay(world.hub());
    assertThat(settled.job().state()).as(settled.job().error()).isEqualTo(RelayJob.State.DONE);
    assertThat(world.chain().tokenBalance(provider.beneficiary()))
        .isEqualTo(
            promised.minus(world.chain().hermesFee(promised)).minus(settled.promise().fee()));
    world.awaitReconciled();
  }
}
