package network.hermes.hub.it;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static network.hermes.hub.it.ChainWorld.await;
import static network.hermes.hub.it.ChainWorld.quietly;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import network.hermes.hub.HubApplication;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The watcher survives what happens to a hub and a chain: a restart (it resumes from its cursor), a
 * reorganisation deeper than its confirmation depth (it rescans from the fork, counting nothing
 * twice), and a second hub instance (exactly one watcher runs; the other takes over when the first
 * stops). Also the solvency guard against a hub contract with a small float.
 *
 * <p>The hubs here wait for one confirmation; the tests mine the blocks that confirm.
 */
class WatcherRecoveryIT {
  static ChainWorld world;
  static long chainId;

  @BeforeAll
  static void start() throws Exception {
    world = ChainWorld.start(3);
    chainId = world.deployment.chainId().value();
  }

  @AfterAll
  static void stop() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  @AfterEach
  void stopHubs() {
    for (HubApplication hub : world.hubs) {
      hub.close();
    }
    world.hubs.clear();
  }

  static HubApplication hub() throws Exception {
    return world.startHub(
        Map.of("watcher.confirmations", "1", "settlement.interval-ms", "3600000"));
  }

  static BigInteger balanceSeen(HubApplication hub, String identity) {
    return hub.chainView()
        .consumer(world.deployment.chainId(), Address.fromHex(identity))
        .channelBalance()
        .toBigInteger();
  }

  /** A registered consumer with {@code balance} MYST, once the hub's watcher has applied it. */
  static ExchangeFactory.Identity seenConsumer(HubApplication hub, String label, long balance)
      throws Exception {
    ExchangeFactory.Identity c = world.consumer(label, balance);
    world.mine(1); // the confirmation the hubs here wait for
    await(
        "consumer " + label + " seen",
        Duration.ofSeconds(10),
        () -> balanceSeen(hub, c.address()).equals(myst(balance).toBigInteger()));
    return c;
  }

  static long cursor() throws Exception {
    return world.queryLong("SELECT block FROM watcher_cursor WHERE chain_id = " + chainId);
  }

  @Test
  void resumesFromItsStoredCursorAfterARestart() throws Exception {
    HubApplication first = hub();
    ExchangeFactory.Identity c = seenConsumer(first, "resume-consumer", 5);
    Address channel = world.channelOf(Address.fromHex(c.address()));
    first.close();
    world.hubs.remove(first);
    long stored = cursor();

    // while no hub runs: a top-up, and blocks
    world.topUp(channel, myst(3));
    world.mine(2);

    HubApplication second = hub();
    await(
        "the top-up made while down seen after the restart",
        Duration.ofSeconds(10),
        () -> balanceSeen(second, c.address()).equals(myst(8).toBigInteger()));
    assertThat(second.watcherStatus().resumedFrom()).isEqualTo(stored);
    assertThat(second.watcherStatus().firstScanFrom()).isEqualTo(stored + 1);
    assertThat(cursor()).isGreaterThan(stored);
  }

  @Test
  void survivesAReorganisationDeeperThanItsConfirmationDepthWithoutCountingTwice()
      throws Exception {
    HubApplication hub = hub();
    ExchangeFactory.Identity c = seenConsumer(hub, "reorg-consumer", 5);
    Address channel = world.channelOf(Address.fromHex(c.address()));
    long reorgsBefore = hub.watcherStatus().reorgs();
    String snapshot = world.rpc("evm_snapshot").asText();
    long forkBlock = world.client.blockNumber();

    // the branch that will be abandoned: a top-up of 4, confirmed and applied by the hub
    world.topUp(channel, myst(4));
    world.mine(3);
    await(
        "the abandoned top-up applied",
        Duration.ofSeconds(10),
        () -> balanceSeen(hub, c.address()).equals(myst(9).toBigInteger()));
    long abandonedHead = cursor();
    assertThat(abandonedHead - forkBlock).isGreaterThan(1);

    // the chain goes back and takes another way: a top-up of 1, and a longer chain
    world.rpc("evm_revert", snapshot);
    world.topUp(channel, myst(1));
    world.mine((int) (abandonedHead - world.client.blockNumber()) + 3);

    await(
        "the new branch applied",
        Duration.ofSeconds(15),
        quietly(
            () ->
                balanceSeen(hub, c.address()).equals(myst(6).toBigInteger())
                    && cursor() > abandonedHead));
    assertThat(world.client.tokenBalance(channel)).isEqualTo(myst(6));
    assertThat(hub.watcherStatus().reorgs()).isGreaterThan(reorgsBefore);
    assertThat(hub.watcherStatus().lastReorgForkPoint()).isLessThanOrEqualTo(forkBlock);
    // the hub contract's facts match the chain too
    await(
        "hub facts at the new head",
        Duration.ofSeconds(10),
        quietly(
            () ->
                world.queryLong(
                        "SELECT COUNT(*) FROM chain_hermes WHERE chain_id = "
                            + chainId
                            + " AND token_balance = "
                            + world.client.tokenBalance(world.deployment.hermesId()))
                    == 1));
  }

  @Test
  void twoInstancesRunExactlyOneWatcherAndTheOtherTakesOver() throws Exception {
    HubApplication a = hub();
    HubApplication b = hub();
    await("one holds the lease", Duration.ofSeconds(10), () -> a.leaseHeld() || b.leaseHeld());
    HubApplication leader = a.leaseHeld() ? a : b;
    HubApplication other = leader == a ? b : a;
    long otherRounds = other.watcherRounds();
    long leaderRounds = leader.watcherRounds();
    await(
        "the leader runs rounds",
        Duration.ofSeconds(10),
        () -> {
          assertThat(a.leaseHeld() && b.leaseHeld()).as("both hold the lease").isFalse();
          return leader.watcherRounds() >= leaderRounds + 5;
        });
    assertThat(other.watcherRounds()).isEqualTo(otherRounds);
    assertThat(other.leaseHeld()).isFalse();
    assertThat(world.rows("SELECT holder FROM lease WHERE name = 'chain-duties/" + chainId + "'"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("holder")).isEqualTo(leader.instanceId()));

    leader.close();
    world.hubs.remove(leader);
    await("the other takes over", Duration.ofSeconds(10), other::leaseHeld);
    seenConsumer(other, "takeover-consumer", 7);
    assertThat(other.watcherRounds()).isGreaterThan(otherRounds);
  }

  @Test
  void theGuardRefusesWhatTheHubContractCouldNotPayAndSettlesConsumersFirst() throws Exception {
    // the hub contract's available balance is the 3 MYST float of this devnet (plus fees)
    HubApplication hub = hub();
    ExchangeFactory.Identity c = seenConsumer(hub, "guard-consumer", 20);
    String provider = "0x" + "e1".repeat(20);
    ChainWorld.Exchange x = new ChainWorld.Exchange(9);
    TokenAmount available = hub.chainView().hermes(world.deployment.chainId()).availableBalance();
    assertThat(available).isEqualTo(myst(3));

    // owed 2 <= 3 available; revealed, the consumer's 2 MYST count as collectible
    world.pay(hub, c, provider, x, myst(2).toBigInteger(), true);
    await(
        "collectible counted",
        Duration.ofSeconds(10),
        () -> hub.chainView().hermes(world.deployment.chainId()).collectible().equals(myst(2)));
    // owed 4 <= 3 + 2
    world.pay(hub, c, provider, x, myst(2).toBigInteger(), true);
    await(
        "collectible counted",
        Duration.ofSeconds(10),
        () -> hub.chainView().hermes(world.deployment.chainId()).collectible().equals(myst(4)));
    // owed 8 > 3 + 4: refused, and the hub collects from the consumer
    ChainWorld.Answer refused = world.tryPay(hub, c, provider, x, myst(4).toBigInteger());
    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.cause())
        .isEqualTo("provider balance exhausted, please rebalance your channel");
    Address channel = world.channelOf(Address.fromHex(c.address()));
    await(
        "the consumer's promises settled into the hub contract",
        Duration.ofSeconds(20),
        quietly(() -> world.client.consumerChannel(channel).settled().equals(myst(4))));
    assertThat(world.client.hermes().availableBalance()).isEqualTo(myst(7));
    assertThat(world.client.hermes().status().ordinal()).isZero();
    // what fits still goes through: owed 7 <= 7
    world.mine(1);
    await(
        "the new available balance seen",
        Duration.ofSeconds(10),
        () ->
            hub.chainView().hermes(world.deployment.chainId()).availableBalance().equals(myst(7)));
    assertThat(world.tryPay(hub, c, provider, x, myst(3).toBigInteger()).status()).isEqualTo(200);
  }
}
