package network.hermes.settler.settle;

import static network.hermes.settler.TestPromises.PROVIDER;
import static network.hermes.settler.TestPromises.earned;
import static network.hermes.settler.TestPromises.myst;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.settler.Route;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.history.SettlementRecord.Outcome;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoSettlerTest {
  static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  static final long MYST = BigInteger.TEN.pow(18).longValueExact();

  @TempDir Path dir;
  FakeWorld world;
  EarningsStore store;
  SettlementHistory history;
  MutableClock clock;
  AutoSettler auto;

  static final class MutableClock extends Clock {
    Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void setUp() {
    world = new FakeWorld();
    world.chain.beneficiaries.put(PROVIDER.address(), FakeWorld.address(0xbeef));
    world.hub.quote = TokenAmount(0);
    store = EarningsStore.open(dir.resolve("earnings"));
    history = SettlementHistory.open(dir.resolve("history.jsonl"));
    clock = new MutableClock();
    Settler settler =
        new Settler(
            world.chain,
            world.hub,
            store,
            history,
            SettlePolicy.defaults(),
            Secp256k1s.getDefault(),
            clock,
            line -> {},
            new Settler.Options(
                Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(5)));
    auto =
        new AutoSettler(
            settler,
            history,
            Route.RELAY,
            new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10)),
            clock,
            e -> {});
  }

  static network.hermes.promise.value.TokenAmount TokenAmount(long wei) {
    return network.hermes.promise.value.TokenAmount.of(wei);
  }

  void holds(EarnedPromise earned) {
    store.put(earned);
    world.hub.latest.put(earned.channelId(), earned.promise().withR(null));
  }

  @Test
  void waitsBelowTheMinimumAndSettlesAtIt() {
    holds(earned(myst(5).minus(TokenAmount(1)), 0, "a"));
    assertThat(auto.evaluate(PROVIDER).status()).isEqualTo(AutoSettler.Status.WAITING);
    assertThat(world.hub.submitted).isEmpty();

    holds(earned(myst(5), 0, "b"));
    AutoSettler.Evaluation e = auto.evaluate(PROVIDER);
    assertThat(e.status()).as(e.message()).isEqualTo(AutoSettler.Status.SETTLED);
    assertThat(world.hub.submitted).hasSize(1);
  }

  @Test
  void settleNowIgnoresTheThresholdsButNotTheFeeLimits() {
    holds(earned(myst(1), 0, "a"));
    assertThat(auto.settleNow(PROVIDER).status()).isEqualTo(AutoSettler.Status.SETTLED);

    holds(earned(myst(2), 0, "b"));
    world.hub.quote = TokenAmount(MYST / 10); // 10 % of the 1 MYST left
    AutoSettler.Evaluation e = auto.settleNow(PROVIDER);
    assertThat(e.status()).isEqualTo(AutoSettler.Status.REFUSED);
    assertThat(e.message()).contains("more than 5%");
  }

  @Test
  void aFailureBacksOffAndTheWaitSurvivesInTheHistory() {
    holds(earned(myst(30), 0, "a"));
    world.hub.jobOutcome = network.hermes.promise.wire.RelayJob.State.ERROR;
    world.hub.jobError = "gas";
    assertThat(auto.evaluate(PROVIDER).status()).isEqualTo(AutoSettler.Status.FAILED);

    AutoSettler.Evaluation waiting = auto.evaluate(PROVIDER);
    assertThat(waiting.status()).isEqualTo(AutoSettler.Status.BACKING_OFF);
    assertThat(waiting.retryAt()).contains(NOW.plusSeconds(30));
    assertThat(world.hub.submitted).hasSize(1);

    // a restarted settler reads the same history and still waits; after the wait it tries again
    world.hub.jobOutcome = network.hermes.promise.wire.RelayJob.State.DONE;
    clock.now = NOW.plusSeconds(30);
    assertThat(auto.evaluate(PROVIDER).status()).isEqualTo(AutoSettler.Status.SETTLED);
    assertThat(history.all())
        .extracting(r -> r.outcome())
        .containsExactly(Outcome.FAILED, Outcome.SETTLED);
  }

  @Test
  void evaluateLaterReportsToTheListener() throws Exception {
    holds(earned(myst(30), 0, "a"));
    CompletableFuture<AutoSettler.Evaluation> seen = new CompletableFuture<>();
    Settler settler =
        new Settler(
            world.chain,
            world.hub,
            store,
            history,
            SettlePolicy.defaults(),
            Secp256k1s.getDefault(),
            clock,
            l -> {},
            Settler.Options.defaults());
    try (AutoSettler background =
        new AutoSettler(
            settler,
            history,
            Route.RELAY,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)),
            clock,
            seen::complete)) {
      background.evaluateLater(TestPromises.PROVIDER);
      assertThat(seen.get(30, TimeUnit.SECONDS).status()).isEqualTo(AutoSettler.Status.SETTLED);
    }
  }
}
