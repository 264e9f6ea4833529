package network.hermes.settler.settle;

import static network.hermes.settler.TestPromises.CHAIN;
import static network.hermes.settler.TestPromises.HERMES;
import static network.hermes.settler.TestPromises.PROVIDER;
import static network.hermes.settler.TestPromises.PROVIDER_KEY;
import static network.hermes.settler.TestPromises.earned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.TestPromises;
import network.hermes.settler.policy.Refusal;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResyncTest {
  @TempDir Path dir;
  FakeWorld world;
  EarningsStore store;
  Resync resync;

  @BeforeEach
  void setUp() {
    world = new FakeWorld();
    store = EarningsStore.open(dir);
    resync =
        new Resync(
            world.chain, world.hub, store, Secp256k1s.getDefault(), new SecureRandom(), line -> {});
  }

  @Test
  void decisionTable() {
    Promise a100 = earned(100, 0, "a").promise();
    Promise b100 = earned(100, 0, "b").promise();
    Promise c200 = earned(200, 0, "c").promise();
    assertThat(Resync.decide(null, null)).isEqualTo(Resync.Action.NOTHING);
    assertThat(Resync.decide(a100, null)).isEqualTo(Resync.Action.SYNCED_TO_HUB);
    assertThat(Resync.decide(c200, a100)).isEqualTo(Resync.Action.SYNCED_TO_HUB);
    assertThat(Resync.decide(null, a100)).isEqualTo(Resync.Action.RECOVERED_FROM_HUB);
    assertThat(Resync.decide(a100, c200)).isEqualTo(Resync.Action.RECOVERED_FROM_HUB);
    assertThat(Resync.decide(a100, a100.withR(null))).isEqualTo(Resync.Action.IN_SYNC);
    assertThat(Resync.decide(a100, b100)).isEqualTo(Resync.Action.REALIGNED);
  }

  @Test
  void aHubThatLostItsStateGetsTheStoredPromiseBackAndItsR() {
    EarnedPromise local = earned(5_000, 0, "a");
    store.put(local);

    Resync.Result result = resync.resync(PROVIDER_KEY, ChannelKind.EARNINGS);

    assertThat(result.action()).isEqualTo(Resync.Action.SYNCED_TO_HUB);
    assertThat(world.hub.latest.get(local.channelId()).amount()).isEqualTo(TokenAmount.of(5_000));
    assertThat(world.hub.reveals)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.r()).isEqualTo(local.r());
              assertThat(r.agreementId()).isNull();
            });
  }

  @Test
  void aLostStoreIsRefilledUnderAFreshRTheHubCanRecover() {
    EarnedPromise hubs = earned(7_000, 3, "a");
    world.hub.latest.put(hubs.channelId(), hubs.promise().withR(null));

    Resync.Result result = resync.resync(PROVIDER_KEY, ChannelKind.EARNINGS);

    assertThat(result.action()).isEqualTo(Resync.Action.RECOVERED_FROM_HUB);
    EarnedPromise stored =
        store.latest(CHAIN, HERMES, PROVIDER.address(), ChannelKind.EARNINGS).orElseThrow();
    assertThat(stored.promise().amount()).isEqualTo(TokenAmount.of(7_000));
    assertThat(stored.r()).isNotEqualTo(hubs.r());
    assertThat(
            stored.promise().isSignedBy(TestPromises.OPERATOR.address(), Secp256k1s.getDefault()))
        .isTrue();
    // the recovery data the hub keeps decrypts, with the provider's key, to the new R (agreement 0)
    RecoveryDetails details =
        RRecovery.forKey(PROVIDER_KEY).decrypt(world.hub.refreshes.getFirst().rRecoveryData());
    assertThat(details.rValue()).isEqualTo(stored.r());
    assertThat(details.agreementId()).isEqualTo(BigInteger.ZERO);
    assertThat(world.hub.reveals)
        .singleElement()
        .satisfies(r -> assertThat(r.r()).isEqualTo(stored.r()));
  }

  @Test
  void theSameAmountUnderAnotherHashlockIsReLockedWithTheStoredR() {
    EarnedPromise local = earned(7_000, 0, "a");
    store.put(local);
    world.hub.latest.put(local.channelId(), earned(7_000, 0, "b").promise().withR(null));

    assertThat(resync.resync(PROVIDER_KEY, ChannelKind.EARNINGS).action())
        .isEqualTo(Resync.Action.REALIGNED);
    assertThat(world.hub.latest.get(local.channelId()).hashlock())
        .isEqualTo(local.promise().hashlock());
    assertThat(world.hub.reveals)
        .singleElement()
        .satisfies(r -> assertThat(r.r()).isEqualTo(local.r()));
  }

  @Test
  void inSyncDoesNothing() {
    EarnedPromise local = earned(7_000, 0, "a");
    store.put(local);
    world.hub.latest.put(local.channelId(), local.promise().withR(null));
    assertThat(resync.resync(PROVIDER_KEY, ChannelKind.EARNINGS).action())
        .isEqualTo(Resync.Action.IN_SYNC);
    assertThat(world.hub.calls).containsExactly("latestPromise EARNINGS");
  }

  @Test
  void aHubPromiseNotSignedByTheOperatorIsNotAdopted() {
    EarnedPromise forged = earned(9_000, 0, "a");
    Promise bySomeoneElse =
        UnsignedPromise.forProviderChannel(
                CHAIN,
                forged.channelId(),
                TokenAmount.of(9_000),
                TokenAmount.ZERO,
                forged.promise().hashlock())
            .sign(TestPromises.PROVIDER);
    world.hub.latest.put(forged.channelId(), bySomeoneElse);

    assertThatThrownBy(() -> resync.resync(PROVIDER_KEY, ChannelKind.EARNINGS))
        .isInstanceOfSatisfying(
            SettlementRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.BAD_HUB_ANSWER));
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anRTheHubHandsBackIsDecryptedCheckedStoredAndRevealed() {
    HashlockSecret secret = HashlockSecret.of(TestPromises.r("pending"));
    Promise pending =
        UnsignedPromise.forProviderChannel(
                CHAIN,
                ChannelKind.EARNINGS.channelId(PROVIDER.address(), HERMES),
                TokenAmount.of(4_000),
                TokenAmount.ZERO,
                secret.hashlock())
            .sign(TestPromises.OPERATOR);
    world.hub.latest.put(pending.channelId(), pending);
    String data =
        RRecovery.forKey(PROVIDER_KEY)
            .encrypt(RecoveryDetails.of(secret.r(), BigInteger.valueOf(42)), new SecureRandom());

    EarnedPromise adopted = resync.adoptRecoveredR(PROVIDER_KEY, data);

    assertThat(adopted.r()).isEqualTo(secret.r());
    assertThat(store.all()).containsExactly(adopted);
    assertThat(world.hub.reveals)
        .singleElement()
        .satisfies(r -> assertThat(r.agreementId()).isEqualTo(BigInteger.valueOf(42)));
  }
}
