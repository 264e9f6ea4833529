package network.hermes.settler.settle;

import static network.hermes.settler.TestPromises.CHAIN;
import static network.hermes.settler.TestPromises.HERMES;
import static network.hermes.settler.TestPromises.PROVIDER;
import static network.hermes.settler.TestPromises.REGISTRY;
import static network.hermes.settler.TestPromises.earned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import network.hermes.contracts.chain.ChainException;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.history.SettlementRecord.Outcome;
import network.hermes.settler.policy.Refusal;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settlement path's steps, their order and what each outcome leaves in store and history. */
class SettlerTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final Address PAYOUT = FakeWorld.address(0xbeef);

  @TempDir Path dir;
  FakeWorld world;
  EarningsStore store;
  SettlementHistory history;
  Settler settler;
  List<String> progress;

  @BeforeEach
  void setUp() {
    world = new FakeWorld();
    store = EarningsStore.open(dir.resolve("earnings"));
    history = SettlementHistory.open(dir.resolve("history.jsonl"));
    progress = new ArrayList<>();
    settler =
        new Settler(
            world.chain,
            world.hub,
            store,
            history,
            SettlePolicy.defaults(),
            Secp256k1s.getDefault(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            progress::add,
            new Settler.Options(
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(5)));
    world.chain.beneficiaries.put(PROVIDER.address(), PAYOUT);
  }

  /** The provider holds {@code earned} and the hub holds the same promise as its latest. */
  void holds(EarnedPromise earned) {
    store.put(earned);
    world.hub.latest.put(earned.channelId(), earned.promise().withR(null));
  }

  static Settler.Request plain(Route route) {
    return new Settler.Request(PROVIDER, SettleKind.PLAIN, route, null, false);
  }

  @Test
  void aRelayedSettlementRefreshesTheFeeSendsAndRecordsTheEvent() {
    holds(earned(100_000, 0, "a"));

    Settler.Settled s = settler.settle(plain(Route.RELAY));

    assertThat(world.hub.calls)
        .containsExactly(
            "settleFee",
            "changePromiseFee 100",
            "submit SETTLE_AND_REBALANCE fee 100",
            "awaitJob 1");
    RelaySettlement sent = world.hub.submitted.getFirst();
    assertThat(sent.fee()).isEqualTo(TokenAmount.of(100));
    assertThat(sent.r()).isEqualTo(TestPromises.r("a"));
    assertThat(
            store
                .latest(CHAIN, HERMES, PROVIDER.address(), ChannelKind.EARNINGS)
                .orElseThrow()
                .promise()
                .fee())
        .isEqualTo(TokenAmount.of(100));
    // 100000 settled, hub fee 20 % = 20000, transactor fee 100
    assertThat(s.event().amountSentToBeneficiary()).isEqualTo(TokenAmount.of(79_900));
    assertThat(s.plan().net()).isEqualTo(TokenAmount.of(79_900));
    SettlementRecord r = history.all().getFirst();
    assertThat(history.all()).hasSize(1);
    assertThat(r.outcome()).isEqualTo(Outcome.SETTLED);
    assertThat(r.jobId()).isEqualTo("1");
    assertThat(r.txHash()).isEqualTo(s.record().txHash()).isNotNull();
    assertThat(r.sentToBeneficiary()).isEqualTo(TokenAmount.of(79_900));
    assertThat(r.fees()).isEqualTo(TokenAmount.of(20_100));
    assertThat(r.beneficiary()).isEqualTo(PAYOUT);
    assertThat(r.toSettle()).isEqualTo(TokenAmount.of(100_000));
    assertThat(progress).anyMatch(l -> l.contains("relay job 1: done"));
  }

  @Test
  void aRefusedSettlementSendsNothingAndRecordsNothing() {
    EarnedPromise p = earned(1_000, 0, "a");
    holds(p);
    world.hub.quote = TokenAmount.of(51); // above 5 % of 1000

    assertThatThrownBy(() -> settler.settle(plain(Route.RELAY)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.FEE_TOO_HIGH))
        .hasMessageContaining(
            "the transactor fee 0.000000000000000051 MYST is more than 5% of the 0.000000000000001 MYST settled");

    assertThat(world.hub.calls).containsExactly("settleFee");
    assertThat(history.all()).isEmpty();
    assertThat(store.latest(CHAIN, HERMES, p.channelId())).contains(p);
  }

  @Test
  void withoutAStoredPromiseThereIsNothingToSettle() {
    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.NO_PROMISE))
        .hasMessageContaining("resynchronise");
  }

  @Test
  void anUnregisteredIdentityOrTheOwnChannelAsPayoutIsRefused() {
    holds(earned(100_000, 0, "a"));
    world.chain.beneficiaries.remove(PROVIDER.address());
    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.UNREGISTERED));
    world.chain.beneficiaries.put(
        PROVIDER.address(), world.chain.consumerChannel(PROVIDER.address()));
    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.BENEFICIARY_IS_OWN_CHANNEL));
    assertThat(world.chain.calls).isEmpty();
  }

  @Test
  void aDirectSettlementZeroesTheFeeAndRecordsTheHashBeforeTheReceipt() {
    holds(earned(100_000, 70, "a"));

    Settler.Settled s = settler.settle(plain(Route.DIRECT));

    assertThat(world.hub.calls).containsExactly("changePromiseFee 0");
    assertThat(world.chain.calls).containsExactly("send PLAIN fee 0");
    assertThat(s.event().amountSentToBeneficiary()).isEqualTo(TokenAmount.of(80_000));
    assertThat(progress).anyMatch(l -> l.startsWith("sent 0x"));
    assertThat(history.all())
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SETTLED));
  }

  @Test
  void aDirectSettlementGoesAheadWhileTheHubIsDown() {
    holds(earned(100_000, 70, "a"));
    world.hub.unreachable = true;

    Settler.Settled s = settler.settle(plain(Route.DIRECT));

    assertThat(world.chain.calls).containsExactly("send PLAIN fee 70");
    assertThat(s.plan().transactorFee()).isEqualTo(TokenAmount.of(70));
    assertThat(progress).anyMatch(l -> l.contains("goes to the sending account"));
  }

  @Test
  void aRevertBeforeBroadcastIsAFailedAttempt() {
    holds(earned(100_000, 0, "a"));
    world.chain.failSend =
        new ChainException("would revert: HermesImplementation__NothingToSettle()");

    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOf(SettlementFailedException.class)
        .hasMessageContaining("NothingToSettle");

    SettlementRecord r = history.all().getFirst();
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.error()).startsWith("not sent: ");
  }

  @Test
  void aBroadcastWithoutReceiptStaysPendingAndBlocksTheNextUntilResolved() {
    holds(earned(100_000, 0, "a"));
    world.chain.failAfterBroadcast = true;

    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOf(SettlementFailedException.class)
        .hasMessageContaining("outcome is not known yet");
    SettlementRecord pending = history.pending().getFirst();
    assertThat(pending.txHash()).isNotNull();

    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.IN_PROGRESS));

    // the transaction is mined later; the next look records it and frees the channel
    world.chain.failAfterBroadcast = false;
    EarnedPromise stored = store.latest(CHAIN, HERMES, pending.channelId()).orElseThrow();
    world.chain.apply(
        SettleKind.PLAIN, PROVIDER.address(), stored.promise(), null, pending.txHash());
    List<SettlementRecord> resolved = settler.resolvePending();
    assertThat(resolved)
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SETTLED));
    assertThat(history.pending()).isEmpty();
  }

  @Test
  void anAttemptInterruptedBeforeItsTransactionIsKnownEndsUnknown() {
    history.record(TestPromises.pendingRecord("x", NOW));
    assertThat(settler.resolvePending())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
              assertThat(r.error()).contains("settled amount on chain tells");
            });
  }

  @Test
  void aRelayErrorIsAFailedAttempt() {
    holds(earned(100_000, 0, "a"));
    world.hub.jobOutcome = RelayJob.State.ERROR;
    world.hub.jobError = "HermesImplementation__FeeNotCovered";

    assertThatThrownBy(() -> settler.settle(plain(Route.RELAY)))
        .isInstanceOf(SettlementFailedException.class)
        .hasMessageContaining("the relay failed: HermesImplementation__FeeNotCovered");
    assertThat(history.all().getFirst().outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void aMovedQuoteIsAskedForAgainOnce() {
    holds(earned(100_000, 0, "a"));
    world.hub.submitRefusal =
        HubCallException.refused(SettlerHub.FEE_BELOW_QUOTE, "quote expired", null);

    settler.settle(plain(Route.RELAY));

    assertThat(world.hub.calls.stream().filter(c -> c.equals("settleFee"))).hasSize(2);
    assertThat(history.all())
        .extracting(SettlementRecord::outcome)
        .containsExactly(Outcome.FAILED, Outcome.SETTLED);
  }

  @Test
  void aHubThatHoldsAnotherLatestPromiseMeansResync() {
    store.put(earned(100_000, 0, "a"));
    world.hub.latest.put(
        earned(100_000, 0, "a").channelId(), earned(120_000, 0, "b").promise().withR(null));

    assertThatThrownBy(() -> settler.settle(plain(Route.RELAY)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.OUT_OF_SYNC));
    assertThat(history.all()).isEmpty();
  }

  @Test
  void aStoredPromiseNotSignedByTheHubIsNotSent() {
    holds(earned(100_000, 0, "a"));
    world.chain.hermes =
        new network.hermes.contracts.chain.HermesState(
            HERMES,
            FakeWorld.address(0xdead),
            world.chain.hermes.status(),
            2000,
            TokenAmount.ZERO,
            world.chain.hermes.maxStake(),
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            world.chain.hermes.tokenBalance(),
            world.chain.hermes.availableBalance());
    assertThatThrownBy(() -> settler.settle(plain(Route.DIRECT)))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.BAD_HUB_ANSWER));
    assertThat(world.chain.calls).isEmpty();
  }

  @Test
  void aNewBeneficiaryIsSignedWithTheRegistrysNonce() {
    holds(earned(100_000, 0, "a"));
    Address newPayout = FakeWorld.address(0x5eed);

    settler.settle(
        new Settler.Request(PROVIDER, SettleKind.WITH_BENEFICIARY, Route.RELAY, newPayout, false));

    RelaySettlement sent = world.hub.submitted.getFirst();
    assertThat(sent.kind()).isEqualTo(RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY);
    assertThat(sent.nonce()).isEqualTo(world.chain.beneficiaryNonce);
    assertThat(sent.registry()).isEqualTo(REGISTRY);
    BeneficiaryChange change =
        new BeneficiaryChange(CHAIN, REGISTRY, PROVIDER.address(), newPayout, sent.nonce());
    assertThat(change.recoverSigner(sent.beneficiarySignature(), Secp256k1s.getDefault()))
        .isEqualTo(PROVIDER.address());
    assertThat(history.all().getFirst().beneficiary()).isEqualTo(newPayout);
  }

  @Test
  void aPreviewChangesNothing() {
    EarnedPromise p = earned(100_000, 0, "a");
    holds(p);
    Settler.Preview preview = settler.preview(plain(Route.RELAY));
    assertThat(preview.plan().net()).isEqualTo(TokenAmount.of(79_900));
    assertThat(preview.payee()).isEqualTo(PAYOUT);
    assertThat(preview.refusal()).isEmpty();
    assertThat(world.hub.calls).containsExactly("settleFee");
    assertThat(store.latest(CHAIN, HERMES, p.channelId())).contains(p);
    assertThat(history.all()).isEmpty();
  }
}
