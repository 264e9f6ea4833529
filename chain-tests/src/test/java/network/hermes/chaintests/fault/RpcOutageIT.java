package network.hermes.chaintests.fault;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.Durability;
import network.hermes.chaintests.support.PaymentLoad;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub's RPC endpoint goes away for a while (the proxy in front of anvil cuts every connection
 * and refuses new ones): the hub keeps serving payments on the chain facts it has, promises nothing
 * on money it has not seen (a top-up made meanwhile), its relay retries a settlement instead of
 * losing it, and once the endpoint is back it catches up: the top-up becomes spendable, the
 * settlement is paid, nothing acknowledged is lost, every invariant holds.
 */
@ExtendWith(SharedWorld.class)
class RpcOutageIT {
  static final TokenAmount CENT = TokenAmount.of(10_000_000_000_000_000L);

  static World world;

  @BeforeAll
  static void setUp(World shared) {
    world = shared;
  }

  @Test
  void theHubServesWithinWhatItKnowsWhileTheChainIsUnreachableAndCatchesUp() throws Exception {
    List<ConsumerNode> consumers = world.consumers("rpc-outage", 3, myst(20));
    List<ProviderNode> providers = world.providers("rpc-outage", 3);
    ConsumerNode topUp = world.consumer("rpc-outage top-up", myst(1));
    ProviderNode settling = world.provider("rpc-outage settling");
    settling.earn(world.hub(), settling.agree(consumers.getFirst()), myst(1));
    TokenAmount earned = settling.latest().amount();
    // another provider, so that its calls do not wait behind the settling one's
    ProviderNode selling = world.provider("rpc-outage selling");
    ProviderNode.Agreement topUpSession = selling.agree(topUp);
    selling.earn(world.hub(), topUpSession, myst(1).minus(CENT.plus(CENT)));

    PaymentLoad load = PaymentLoad.start(consumers, providers, List.of(world::hub), 0, CENT);
    CompletableFuture<ProviderNode.Settled> settlement;
    try {
      Waits.untilTrue("payments flowing", Duration.ofMinutes(2), () -> load.paid() >= 10);
      world.rpcProxy().cut();

      // a settlement submitted now is queued; the relay cannot send it yet
      settlement =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return settling.settleThroughRelay(world.hub());
                } catch (HubException e) {
                  throw new IllegalStateException(e);
                }
              });
      Waits.untilTrue(
          "the relay to fail against the cut endpoint",
          Duration.ofMinutes(2),
          () ->
              world
                      .db()
                      .number(
                          "SELECT count(*) FROM relay_job WHERE identity = '"
                              + settling.identity().toHex()
                              + "' AND attempts > 0 AND state <> 'done'")
                  > 0);

      // payments go on, on the facts the hub has
      long during = load.paid();

      Waits.untilTrue(
          "payments flowing while the chain is unreachable",
          Duration.ofMinutes(2),
          () -> load.paid() >= during + 20);

      // a top-up the hub cannot see is not spendable yet
      world.chain().mint(topUp.channel(), myst(5));
      assertThatThrownBy(() -> selling.earn(world.hub(), topUpSession, myst(2)))
          .isInstanceOfSatisfying(
              HubException.class,
              e -> assertThat(e.kind()).isEqualTo(HubCause.CONSUMER_OVERSPENDING));
      assertThat(world.rpcProxy().refused()).as("the hub tried to reach the chain").isPositive();
    } finally {
      world.rpcProxy().restore();
    }
    try {
      // caught up: the top-up is spendable, the queued settlement is paid
      world.awaitBalanceSeen(topUp, myst(6).minus(topUp.promised()));
      selling.earn(world.hub(), topUpSession, myst(2));
      ProviderNode.Settled settled = settlement.get();
      assertThat(settled.job().state()).as(settled.job().error()).isEqualTo(RelayJob.State.DONE);
      assertThat(world.chain().tokenBalance(settling.beneficiary()))
          .isEqualTo(earned.minus(world.chain().hermesFee(earned)).minus(settled.promise().fee()));
    } finally {
      load.stop();
    }
    assertThat(load.await(Duration.ofMinutes(3))).as("payments refused").isEmpty();
    Durability.assertNothingLost(world, concat(consumers, topUp), concat(providers, settling));
    world.awaitReconciled();
  }

  static <T> List<T> concat(List<T> list, T one) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(one)).toList();
  }
}
