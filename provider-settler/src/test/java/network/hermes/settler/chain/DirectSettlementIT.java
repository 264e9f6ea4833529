package network.hermes.settler.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.contracts.deploy.DeploymentPlan;
import network.hermes.contracts.devnet.LocalChain;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.policy.SettlementPlan;
import network.hermes.settler.settle.HubCallException;
import network.hermes.settler.settle.SettlementRefusedException;
import network.hermes.settler.settle.Settler;
import network.hermes.settler.settle.SettlerHub;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain adapter against the real contracts on anvil: a provider settles a hub promise directly,
 * paying its own gas, while the hub is down (a promise without transactor fee needs no hub), and
 * the beneficiary receives exactly {@code amount − hub fee} by the token's balance.
 */
class DirectSettlementIT {
  static LocalChain chain;
  static final PrivateKey PROVIDER_KEY = TestPromises.key("direct-settlement-provider");
  static final Signer PROVIDER = new KeySigner(PROVIDER_KEY, Secp256k1s.getDefault());
  static final Address PAYOUT = Address.fromHex("0x7777777777777777777777777777777777777777");

  @TempDir Path dir;

  @BeforeAll
  static void startChain() throws Exception {
    chain = LocalChain.start("http://127.0.0.1:1/");
    // float the hub contract can pay providers from (its own stake is locked)
    chain.mint(chain.deployment().hermesId(), DeploymentPlan.myst(500));
    IdentityRegistration registration =
        new IdentityRegistration(
            chain.deployment().chainId(),
            chain.deployment().registry(),
            chain.deployment().hermesId(),
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            PAYOUT);
    chain
        .client()
        .writer(chain.account(2))
        .registerIdentity(TokenAmount.ZERO, TokenAmount.ZERO, PAYOUT, registration.sign(PROVIDER));
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  /** A hub that cannot be reached: the direct route must not need it. */
  static final class DownHub implements SettlerHub {
    private static <T> T down() {
      throw HubCallException.unreachable("connection refused (the hub is down)", null);
    }

    @Override
    public RelayFeeQuote settleFee(ChainId chainId) {
      return down();
    }

    @Override
    public Promise changePromiseFee(Promise latest, TokenAmount newFee) {
      return down();
    }

    @Override
    public String submitSettlement(RelaySettlement settlement) {
      return down();
    }

    @Override
    public RelayJob awaitJob(String jobId, Duration timeout, Consumer<RelayJob> progress) {
      return down();
    }

    @Override
    public Optional<Promise> latestPromise(Address identity, ChainId chainId, ChannelKind kind) {
      return down();
    }

    @Override
    public void syncPromise(Signer identity, Promise promise) {
      down();
    }

    @Override
    public Promise refreshPromise(Signer identity, RefreshPromiseRequest request) {
      return down();
    }

    @Override
    public void revealR(RevealRequest request) {
      down();
    }
  }

  Promise hubPromise(TokenAmount amount, String label) {
    HashlockSecret r = HashlockSecret.of(TestPromises.r(label));
    return UnsignedPromise.forProviderChannel(
            chain.deployment().chainId(),
            ChannelKind.EARNINGS.channelId(PROVIDER.address(), chain.deployment().hermesId()),
            amount,
            TokenAmount.ZERO,
            r.hashlock())
        .sign(new KeySigner(chain.operatorKey(), Secp256k1s.getDefault()))
        .withR(r.r());
  }

  @Test
  void settlesDirectlyWhileTheHubIsDownAndTheBeneficiaryGetsAmountMinusHubFee() {
    EarningsStore store = EarningsStore.open(dir.resolve("earnings"));
    SettlementHistory history = SettlementHistory.open(dir.resolve("history.jsonl"));
    Settler settler =
        new Settler(
            new Web3jSettlerChain(chain.client(), chain.deployment(), chain.account(3)),
            new DownHub(),
            store,
            history,
            SettlePolicy.defaults(),
            Secp256k1s.getDefault(),
            Clock.systemUTC(),
            line -> {},
            Settler.Options.defaults());
    TokenAmount amount = DeploymentPlan.myst(12);
    store.put(
        new EarnedPromise(
            chain.deployment().hermesId(),
            PROVIDER.address(),
            ChannelKind.EARNINGS,
            hubPromise(amount, "first")));
    TokenAmount before = chain.client().tokenBalance(PAYOUT);

    Settler.Settled settled =
        settler.settle(new Settler.Request(PROVIDER, SettleKind.PLAIN, Route.DIRECT, null, false));

    TokenAmount hubFee = SettlementPlan.hubFee(amount, 2000);
    TokenAmount received = chain.client().tokenBalance(PAYOUT).minus(before);
    assertThat(received).isEqualTo(amount.minus(hubFee));
    assertThat(settled.event().amountSentToBeneficiary()).isEqualTo(received);
    assertThat(settled.event().fees()).isEqualTo(hubFee);
    assertThat(settled.plan().net()).isEqualTo(received);
    List<SettlementRecord> records = history.all();
    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(SettlementRecord.Outcome.SETTLED);
              assertThat(r.txHash()).isEqualTo(settled.record().txHash());
              assertThat(r.sentToBeneficiary()).isEqualTo(received);
            });
    assertThat(
            chain
                .client()
                .providerChannel(
                    ChannelKind.EARNINGS.channelId(
                        PROVIDER.address(), chain.deployment().hermesId()))
                .settled())
        .isEqualTo(amount);

    // the same promise again: the chain settled all of it, so it is refused before sending
    assertThatThrownBy(
            () ->
                settler.settle(
                    new Settler.Request(PROVIDER, SettleKind.PLAIN, Route.DIRECT, null, false)))
        .isInstanceOf(SettlementRefusedException.class)
        .hasMessageContaining("has settled");
    assertThat(history.all()).hasSize(1);
  }
}
