package network.hermes.chaintests.fault;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Settlement transactions that are mined and revert (the hub contract reverts every call in their
 * block): the hub's consumer settlement is retried until it settles, and the relay sends a
 * provider's reverted settlement again; each is paid exactly once.
 */
@ExtendWith(SharedWorld.class)
class RevertingSettlementIT {
  static World world;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
  }

  @Test
  void aRevertedConsumerSettlementIsRetriedAndSettlesOnce() throws Exception {
    ConsumerNode consumer = world.consumer("reverting consumer", myst(10));
    ProviderNode provider = world.provider("reverting consumer's provider");
    ProviderNode.Agreement session = provider.agree(consumer);
    provider.earn(world.hub(), session, myst(4));
    TokenAmount hubBefore = world.chain().tokenBalance(world.deployment().hermesId());
    String sent =
        "SELECT count(*) FROM settlement_attempt WHERE consumer = '"
            + consumer.identity().toHex()
            + "' AND tx_hash IS NOT NULL";
    world.chain().automine(false);
    try {
      provider.earn(world.hub(), session, myst(1)); // 5 MYST: the hub settles it at once
      Waits.untilTrue(
          "the settlement broadcast", World.CHAIN_LAG, () -> world.db().number(sent) >= 1);
      assertThat(world.chain().mineWithRevertingHub()).as("reverted settlements").hasSize(1);
    } finally {
      world.chain().automine(true);
    }
    Waits.untilTrue(
        "the reverted attempt recorded",
        World.CHAIN_LAG,
        () ->
            world
                    .db()
                    .number(
                        "SELECT count(*) FROM settlement_attempt WHERE consumer = '"
                            + consumer.identity().toHex()
                            + "' AND status = 'failed'")
                >= 1);
    Waits.untilTrue(
        "the retry settled",
        World.CHAIN_LAG,
        () -> world.chain().consumerChannel(consumer.channel()).settled().equals(myst(5)));
    assertThat(world.chain().tokenBalance(world.deployment().hermesId()))
        .as("the hub contract received the consumer's money once")
        .isEqualTo(hubBefore.plus(myst(5)));
    world.awaitReconciled();
  }

  @Test
  void aRevertedRelayedSettlementIsSentAgainAndPaysOnce() throws Exception {
    ConsumerNode consumer = world.consumer("reverting provider's consumer", myst(10));
    ProviderNode provider = world.provider("reverting provider");
    provider.earn(world.hub(), provider.agree(consumer), myst(2));
    CompletableFuture<ProviderNode.Settled> first;
    java.util.List<String> reverted;
    world.chain().automine(false);
    try {
      first =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return provider.settleThroughRelay(world.hub());
                } catch (HubException e) {
                  throw new IllegalStateException(e);
                }
              });
      Waits.untilTrue(
          "the relay to broadcast",
          World.CHAIN_LAG,
          () ->
              world
                      .db()
                      .number(
                          "SELECT count(*) FROM relay_job WHERE identity = '"
                              + provider.identity().toHex()
                              + "' AND state = 'sent'")
                  == 1);
      reverted = world.chain().mineWithRevertingHub();
    } finally {
      world.chain().automine(true);
    }
    assertThat(reverted).as("reverted settlements").hasSize(1);
    // the relay sends the job again (a revert of a job that passed gas estimation is retried)
    ProviderNode.Settled settled = first.get(3, java.util.concurrent.TimeUnit.MINUTES);
    assertThat(settled.job().state()).as(settled.job().error()).isEqualTo(RelayJob.State.DONE);
    assertThat(settled.job().txHash()).isNotEqualTo(reverted.getFirst());
    TokenAmount amount = settled.promise().amount();
    assertThat(world.chain().providerChannel(provider.channelId()).settled()).isEqualTo(amount);
    assertThat(world.chain().tokenBalance(provider.beneficiary()))
        .as("paid once")
        .isEqualTo(amount.minus(world.chain().hermesFee(amount)).minus(settled.promise().fee()));
    Waits.untilTrue(
        "the hub to see the settlement",
        Duration.ofSeconds(60),
        () ->
            world
                .hub()
                .providerData(provider.identity())
                .get(world.deployment().chainId())
                .settled()
                .equals(amount));
    world.awaitReconciled();
  }
}
