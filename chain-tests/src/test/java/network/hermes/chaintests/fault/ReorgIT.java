package network.hermes.chaintests.fault;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.Miner;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.World;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The devnet reorganises below the hub's confirmation depth (3 blocks here): the last block is
 * replaced by an empty one ({@code anvil_reorg}), so what it held never happened. A top-up in it is
 * never spendable, a relayed provider settlement in it is paid again when resubmitted: nothing
 * acknowledged is lost, nothing is paid twice; a consumer settlement in it is settled again by the
 * hub before the consumer's exit ends (defect D3 of docs/reliability.md). This class has its own
 * network: a reorganisation is the whole chain's.
 */
class ReorgIT {
  static final int CONFIRMATIONS = 3;

  static World world;
  static Miner miner;

  @BeforeAll
  static void start() throws Exception {
    world =
        World.start(
            Map.of("watcher.confirmations", Integer.toString(CONFIRMATIONS)), CONFIRMATIONS + 1);
    miner = new Miner(world.chain(), Duration.ofMillis(300));
  }

  @AfterAll
  static void stop() {
    if (miner != null) {
      miner.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @AfterEach
  void mineAgain() {
    miner.resume();
  }

  /** Waits until the hub's watcher has applied the block {@code block}. */
  static void awaitConfirmed(long block) {
    Waits.untilTrue(
        "the watcher to apply block " + block,
        World.CHAIN_LAG,
        () -> world.db().number("SELECT max(block) FROM watcher_cursor") >= block);
  }

  @Test
  void aTopUpReorganisedAwayIsNeverSpendable() throws Exception {
    ConsumerNode consumer = world.consumer("reorg top-up", myst(2));
    ProviderNode provider = world.provider("reorg top-up");
    ProviderNode.Agreement session = provider.agree(consumer);
    miner.pause();
    world.chain().mint(consumer.channel(), myst(5));
    long block = world.chain().blockNumber();
    assertThatThrownBy(() -> provider.earn(world.hub(), session, myst(3)))
        .as("an unconfirmed top-up is not spendable")
        .isInstanceOfSatisfying(
            HubException.class,
            e -> assertThat(e.kind()).isEqualTo(HubCause.CONSUMER_OVERSPENDING));
    world.chain().reorg(1);
    assertThat(world.chain().tokenBalance(consumer.channel())).isEqualTo(myst(2));
    miner.resume();
    awaitConfirmed(block + 1);

    assertThatThrownBy(() -> provider.earn(world.hub(), session, myst(3)))
        .isInstanceOfSatisfying(
            HubException.class,
            e -> assertThat(e.kind()).isEqualTo(HubCause.CONSUMER_OVERSPENDING));
    provider.earn(world.hub(), session, myst(2));
    world.awaitReconciled();
  }

  @Test
  void aRelayedProviderSettlementReorganisedAwayIsPaidOnceWhenResubmitted() throws Exception {
    ConsumerNode consumer = world.consumer("reorg relay", myst(10));
    ProviderNode provider = world.provider("reorg relay");
    provider.earn(world.hub(), provider.agree(consumer), myst(2));
    miner.pause();
    ProviderNode.Settled first = provider.settleThroughRelay(world.hub());
    assertThat(first.job().state()).as(first.job().error()).isEqualTo(RelayJob.State.DONE);
    TokenAmount amount = first.promise().amount();
    TokenAmount due = amount.minus(world.chain().hermesFee(amount)).minus(first.promise().fee());
    assertThat(world.chain().tokenBalance(provider.beneficiary())).isEqualTo(due);
    long block = world.chain().blockNumber();
    world.chain().reorg(1);
    assertThat(world.chain().tokenBalance(provider.beneficiary()))
        .as("the payout is gone with its block")
        .isEqualTo(TokenAmount.ZERO);
    miner.resume();
    awaitConfirmed(block + 1);
    // the job still says done: "done" means mined, not confirmed; the provider checks the chain
    assertThat(world.hub().relayJob(first.job().id()).state()).isEqualTo(RelayJob.State.DONE);

    ProviderNode.Settled again = provider.settleThroughRelay(world.hub());
    assertThat(again.job().state()).as(again.job().error()).isEqualTo(RelayJob.State.DONE);
    assertThat(world.chain().tokenBalance(provider.beneficiary()))
        .as("paid once")
        .isEqualTo(amount.minus(world.chain().hermesFee(amount)).minus(again.promise().fee()));
    world.awaitReconciled();
    // the settlement history holds the settlement that stayed on chain, not the lost one
    String history =
        "SELECT tx_hash FROM chain_settlement WHERE identity = '"
            + provider.identity().toHex()
            + "'";
    Waits.untilTrue(
        "the watcher to record the resubmitted settlement",
        World.CHAIN_LAG,
        () -> world.db().strings(history).equals(Set.of(again.job().txHash())));
  }

  @Test
  void aConsumerSettlementReorganisedAwayIsSettledAgainBeforeTheExitEnds() throws Exception {
    ConsumerNode consumer = world.consumer("reorg exit", myst(10));
    ProviderNode provider = world.provider("reorg exit");
    provider.earn(world.hub(), provider.agree(consumer), myst(1).plus(TokenAmount.of(777)));
    TokenAmount promised = consumer.promised();
    miner.pause();
    Address beneficiary = world.address("reorg exit beneficiary");
    long exitBlock = world.chain().requestExit(consumer, beneficiary).blockNumber();
    long timelock = world.chain().consumerChannel(consumer.channel()).exitTimelock();
    for (int i = 0; i < CONFIRMATIONS; i++) {
      world.chain().mine(); // the exit request confirmed, nothing after it
    }
    awaitConfirmed(exitBlock);
    Waits.untilTrue(
        "the hub to settle the exiting consumer",
        World.CHAIN_LAG,
        () -> world.chain().consumerChannel(consumer.channel()).settled().equals(promised));
    long settledBlock = world.chain().blockNumber();

    world.chain().reorg(1);
    assertThat(world.chain().consumerChannel(consumer.channel()).settled())
        .as("the settlement is gone with its block")
        .isEqualTo(TokenAmount.ZERO);
    miner.resume();
    awaitConfirmed(settledBlock);

    Waits.untilTrue(
        "the hub to settle the consumer again",
        World.CHAIN_LAG,
        () -> world.chain().consumerChannel(consumer.channel()).settled().equals(promised));
    assertThat(world.chain().latestBlockTime()).isLessThan(timelock);
    world.awaitReconciled();
  }
}
