package network.hermes.chaintests.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariants one by one: a consistent ledger holds, and one wei off in one place breaks exactly
 * the invariant that watches it (and the ones that must follow from it).
 */
class ReconcilerTest {
  static final Address HUB = Address.fromHex("0x" + "11".repeat(20));
  static final Address CONSUMER = Address.fromHex("0x" + "22".repeat(20));
  static final Address CHANNEL = Address.fromHex("0x" + "33".repeat(20));
  static final Address PROVIDER = Address.fromHex("0x" + "44".repeat(20));
  static final Address BENEFICIARY = Address.fromHex("0x" + "55".repeat(20));
  static final Bytes32 PROVIDER_CHANNEL = Bytes32.fromHex("0x" + "66".repeat(32));

  static TokenAmount wei(long v) {
    return TokenAmount.of(v);
  }

  /**
   * A consumer topped up 1,000, promised 600 of which 500 are settled into the hub; the provider
   * was promised 600, settled 400 (payout 300, fees 100 of which 7 went to the relay); the hub's
   * float was 10,000.
   */
  record World(
      ChainLedger.Consumer consumer,
      ChainLedger.ProviderChannel provider,
      ChainLedger.HubContract hub,
      ChainLedger.Token token,
      HubBooks.Consumer consumerBooks,
      HubBooks.ProviderChannel providerBooks) {
    static World consistent() {
      return new World(
          new ChainLedger.Consumer(
              CONSUMER, CHANNEL, wei(500), wei(500), wei(500), wei(500), wei(500), wei(0), false),
          new ChainLedger.ProviderChannel(
              PROVIDER,
              ChainLedger.Kind.EARNINGS,
              PROVIDER_CHANNEL,
              wei(400),
              wei(0),
              1,
              wei(400),
              wei(300),
              wei(0),
              wei(100),
              wei(300)),
          new ChainLedger.HubContract(
              wei(0),
              wei(10_193),
              wei(10_193),
              wei(10_500),
              wei(307),
              wei(500),
              wei(307),
              wei(7),
              List.of(
                  new ChainLedger.Flow(Bytes32.ZERO, 1, Address.ZERO, BigInteger.valueOf(10_000)))),
          new ChainLedger.Token(
              wei(0),
              wei(11_000),
              wei(11_000),
              wei(0),
              List.of(
                  new ChainLedger.Holder(
                      CHANNEL, "consumer channel", wei(0), wei(500), wei(1_000), wei(500)))),
          new HubBooks.Consumer(CONSUMER, wei(600), wei(500), wei(400)),
          new HubBooks.ProviderChannel(PROVIDER, ChainLedger.Kind.EARNINGS, wei(600), wei(400)));
    }

    World withConsumer(UnaryOperator<ChainLedger.Consumer> f) {
      return new World(f.apply(consumer), provider, hub, token, consumerBooks, providerBooks);
    }

    World withProvider(UnaryOperator<ChainLedger.ProviderChannel> f) {
      return new World(consumer, f.apply(provider), hub, token, consumerBooks, providerBooks);
    }

    World withConsumerBooks(HubBooks.Consumer b) {
      return new World(consumer, provider, hub, token, b, providerBooks);
    }

    World withProviderBooks(HubBooks.ProviderChannel b) {
      return new World(consumer, provider, hub, token, consumerBooks, b);
    }

    World withHubBalance(long after) {
      ChainLedger.HubContract h =
          new ChainLedger.HubContract(
              hub.balanceBefore(),
              wei(after),
              hub.availableBalance(),
              hub.transfersIn(),
              hub.transfersOut(),
              hub.consumerSettlementsIn(),
              hub.providerPayoutsOut(),
              hub.transactorFees(),
              hub.otherFlows());
      return new World(consumer, provider, h, token, consumerBooks, providerBooks);
    }

    World withSupply(long after) {
      ChainLedger.Token t =
          new ChainLedger.Token(
              token.supplyBefore(), wei(after), token.minted(), token.burned(), token.holders());
      return new World(consumer, provider, hub, t, consumerBooks, providerBooks);
    }

    World withChannelHolding(long after) {
      ChainLedger.Holder h = token.holders().getFirst();
      ChainLedger.Token t =
          new ChainLedger.Token(
              token.supplyBefore(),
              token.supplyAfter(),
              token.minted(),
              token.burned(),
              List.of(
                  new ChainLedger.Holder(
                      h.address(), h.role(), h.before(), wei(after), h.received(), h.sent())));
      return new World(consumer, provider, hub, t, consumerBooks, providerBooks);
    }

    Reconciliation reconcile() {
      ChainLedger chain =
          new ChainLedger(
              ChainId.of(31337), HUB, 1, 99, List.of(consumer), List.of(provider), hub, token);
      HubBooks books =
          new HubBooks(
              consumerBooks == null ? Map.of() : Map.of(CONSUMER, consumerBooks),
              providerBooks == null ? Map.of() : Map.of(PROVIDER_CHANNEL, providerBooks));
      return Reconciler.reconcile(chain, books);
    }
  }

  static List<String> breached(Reconciliation r) {
    return r.breaches().stream().map(Check::invariant).distinct().sorted().toList();
  }

  @Test
  void aConsistentLedgerHolds() {
    Reconciliation r = World.consistent().reconcile();
    assertThat(r.breaches()).isEmpty();
    assertThat(r.holds()).isTrue();
    assertThat(r.totals().consumersPromised()).isEqualTo(wei(600));
    assertThat(r.totals().collectible()).isEqualTo(wei(100));
    assertThat(r.totals().owed()).isEqualTo(wei(200));
    assertThat(r.totals().received()).isEqualTo(wei(300));
    assertThat(r.render(true)).contains("every invariant holds").contains("other flow: in from");
  }

  static Stream<Arguments> oneWeiOff() {
    return Stream.<Object[]>of(
            new Object[] {
              "channel settled above its events",
              (UnaryOperator<World>) w -> w.withConsumer(c -> consumer(c, 501, 500, 500)),
              List.of("consumer.hub-balance", "consumer.hub-settled", "consumer.settled-by-events")
            },
            new Object[] {
              "settlements moved less than their events",
              (UnaryOperator<World>) w -> w.withConsumer(c -> consumer(c, 500, 500, 499)),
              List.of("consumer.settlements-paid", "hub.consumer-settlements-in")
            },
            new Object[] {
              "the chain settled more than promised",
              (UnaryOperator<World>)
                  w ->
                      w.withConsumerBooks(
                          new HubBooks.Consumer(CONSUMER, wei(499), wei(500), wei(500))),
              List.of("consumer.within-promised", "hub.promises-covered")
            },
            new Object[] {
              "unsettled above the channel balance",
              (UnaryOperator<World>)
                  w ->
                      w.withConsumerBooks(
                          new HubBooks.Consumer(CONSUMER, wei(1_001), wei(500), wei(0))),
              List.of("consumer.collateral")
            },
            new Object[] {
              "the hub's spendable balance off by one",
              (UnaryOperator<World>)
                  w ->
                      w.withConsumerBooks(
                          new HubBooks.Consumer(CONSUMER, wei(600), wei(500), wei(401))),
              List.of("consumer.hub-balance")
            },
            new Object[] {
              "a provider settlement nobody promised",
              (UnaryOperator<World>) w -> w.withProviderBooks(null),
              List.of("provider.within-promised")
            },
            new Object[] {
              "a provider settled above the hub's promise",
              (UnaryOperator<World>)
                  w ->
                      w.withProviderBooks(
                          new HubBooks.ProviderChannel(
                              PROVIDER, ChainLedger.Kind.EARNINGS, wei(399), wei(400))),
              List.of("provider.within-promised")
            },
            new Object[] {
              "the hub behind on a provider",
              (UnaryOperator<World>)
                  w ->
                      w.withProviderBooks(
                          new HubBooks.ProviderChannel(
                              PROVIDER, ChainLedger.Kind.EARNINGS, wei(600), wei(399))),
              List.of("provider.hub-settled")
            },
            new Object[] {
              "a payout that did not reach the beneficiary",
              (UnaryOperator<World>) w -> w.withProvider(p -> payoutTransfers(p, 299)),
              List.of("hub.provider-payouts-out", "provider.payouts-paid")
            },
            new Object[] {
              "the hub contract's balance not moved by its transfers",
              (UnaryOperator<World>) w -> w.withHubBalance(10_194),
              List.of("hub.balance-by-transfers")
            },
            new Object[] {
              "supply grown without a mint",
              (UnaryOperator<World>) w -> w.withSupply(11_001),
              List.of("token.supply")
            },
            new Object[] {
              "a holder's balance not its transfers",
              (UnaryOperator<World>) w -> w.withChannelHolding(501),
              List.of("token.holder")
            })
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneWeiOff")
  void oneWeiOffBreaksTheInvariantThatWatchesIt(
      String what, UnaryOperator<World> change, List<String> breached) {
    assertThat(breached(change.apply(World.consistent()).reconcile()))
        .as(what)
        .containsExactlyElementsOf(breached.stream().sorted().toList());
  }

  @Test
  void aHubThatCannotPayWhatItOwesIsInsolvent() {
    World w = World.consistent();
    // owed 200 = 600 - 400; available 99 + collectible 100 = 199
    World poor =
        new World(
            w.consumer(),
            w.provider(),
            new ChainLedger.HubContract(
                wei(0),
                wei(10_193),
                wei(99),
                wei(10_500),
                wei(307),
                wei(500),
                wei(307),
                wei(7),
                w.hub().otherFlows()),
            w.token(),
            w.consumerBooks(),
            w.providerBooks());
    assertThat(breached(poor.reconcile())).containsExactly("hub.solvency");
  }

  @Test
  void identitiesWithNothingAnywhereAreNotChecked() {
    World w = World.consistent();
    ChainLedger.Consumer nobody =
        new ChainLedger.Consumer(
            Address.fromHex("0x" + "77".repeat(20)),
            Address.fromHex("0x" + "88".repeat(20)),
            wei(0),
            wei(0),
            wei(0),
            wei(0),
            wei(0),
            wei(0),
            false);
    ChainLedger chain =
        new ChainLedger(
            ChainId.of(31337),
            HUB,
            1,
            99,
            List.of(w.consumer(), nobody),
            List.of(w.provider()),
            w.hub(),
            w.token());
    Reconciliation r =
        Reconciler.reconcile(
            chain,
            new HubBooks(
                Map.of(CONSUMER, w.consumerBooks()), Map.of(PROVIDER_CHANNEL, w.providerBooks())));
    assertThat(r.totals().consumers()).isEqualTo(1);
    assertThat(r.holds()).isTrue();
  }

  static ChainLedger.Consumer consumer(
      ChainLedger.Consumer c, long settled, long byEvents, long moved) {
    return new ChainLedger.Consumer(
        c.identity(),
        c.channel(),
        c.balance(),
        wei(settled),
        wei(byEvents),
        wei(moved),
        wei(moved),
        c.withdrawn(),
        c.exitPending());
  }

  static ChainLedger.ProviderChannel payoutTransfers(ChainLedger.ProviderChannel p, long v) {
    return new ChainLedger.ProviderChannel(
        p.identity(),
        p.kind(),
        p.channelId(),
        p.settled(),
        p.stake(),
        p.settlements(),
        p.settledByEvents(),
        p.payouts(),
        p.stakedPayouts(),
        p.fees(),
        wei(v));
  }
}
