package network.hermes.hub.core;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * The hub's acceptance rules as pure functions: same inputs, same decision, no I/O.
 *
 * <p>Rule numbers follow the request_promise algorithm of the protocol description (5.2): 1
 * malformed json is decided by the parser, 6 (locks) by the store.
 */
public final class Decisions {
  private final HubPolicy policy;
  private final ChannelMath channels;
  private final Clock clock;
  private final Duration maxFactsAge;

  /**
   * @param maxFactsAge chain facts older than this make the hub refuse to issue promises; null
   *     disables the check
   */
  public Decisions(HubPolicy policy, ChannelMath channels, Clock clock, Duration maxFactsAge) {
    this.policy = Objects.requireNonNull(policy);
    this.channels = Objects.requireNonNull(channels);
    this.clock = Objects.requireNonNull(clock);
    this.maxFactsAge = maxFactsAge;
  }

  public HubPolicy policy() {
    return policy;
  }

  /**
   * The rules that need no stored state (2 to 5): safe to run before any row is created or locked.
   * Returns null when they pass.
   */
  public Decision.Reject<PromiseAccepted> precheckPromise(
      PromiseRequest req, ChainFacts.Consumer cf, ChainFacts.Hermes hermes) {
    Promise promise = req.promise();
    Address consumer = req.consumer();
    // 2: addressed to us, on a chain we serve, EM and promise on the same chain
    if (!policy.hermesId().equals(req.hermesId())) {
      return early(
          Rejection.WRONG_HERMES,
          "exchange message is for hermes "
              + (req.hermesId() == null ? "" : req.hermesId())
              + ", this hub is "
              + policy.hermesId());
    }
    if (!req.emChainId().equals(promise.chainId()) || !policy.servesChain(req.emChainId())) {
      return early(
          Rejection.WRONG_CHAIN,
          "chain ids (exchange message "
              + req.emChainId()
              + ", promise "
              + promise.chainId()
              + ") must be equal and one of "
              + policy.chainIds());
    }
    // without the hub contract's facts nothing can be judged: the hub is not ready (/readyz says
    // so too), and a refusal about balances would make the node end a session for nothing
    if (!hermes.known()) {
      return early(
          Rejection.UNAVAILABLE,
          "the hub has no chain facts of its contract "
              + policy.hermesId()
              + " on chain "
              + req.emChainId()
              + " yet; retry later");
    }
    // 3: the promise and the exchange message come from the same consumer
    if (!req.emSigner().equals(req.promiseSigner())) {
      return early(
          Rejection.INVALID_SIGNATURE, "promise and exchange message are signed by different keys");
    }
    if (req.withdrawal() && !req.provider().equals(consumer)) {
      return early(
          Rejection.NOT_SELF_PAYMENT,
          "a pay_and_settle exchange message must name its own signer as provider");
    }
    // 4: registered consumer
    if (!cf.registered()) {
      return early(Rejection.CONSUMER_UNREGISTERED, "consumer " + consumer + " is not registered");
    }
    // 4b: a consumer that asked to leave its channel takes the whole balance after the delay; the
    // hub settles what it holds and promises nothing more on that balance
    if (cf.exiting()) {
      return early(
          Rejection.CONSUMER_EXITING,
          "consumer "
              + consumer
              + " requested to exit its channel (final at "
              + cf.exitTimelock()
              + "); top up after the exit to continue");
    }
    // 5: the promise is drawn on the consumer's channel with this hub
    Address expectedChannel = channels.consumerChannel(consumer);
    if (!expectedChannel.toBytes32().equals(promise.channelId())) {
      return early(
          Rejection.CHANNEL_MISMATCH,
          "promise channel "
              + channelAddress(promise.channelId())
              + " is not the consumer channel "
              + expectedChannel);
    }
    if (req.withdrawal() && !policy.payAndSettleEnabled()) {
      return early(Rejection.PAY_AND_SETTLE_DISABLED, "this hub does not serve withdrawals");
    }
    return null;
  }

  /** The address a consumer promise's 32-byte channel id holds in its last 20 bytes. */
  private static Address channelAddress(Bytes32 channelId) {
    return Address.of(Arrays.copyOfRange(channelId.toBytes(), 12, 32));
  }

  private static Decision.Reject<PromiseAccepted> early(Rejection reason, String message) {
    return new Decision.Reject<>(reason, message, null);
  }

  /** request_promise (5.2) and, with {@code request.withdrawal()}, pay_and_settle (5.5). */
  public Decision<PromiseAccepted> requestPromise(PromiseInput in) {
    PromiseRequest req = in.request();
    Promise promise = req.promise();
    Address consumer = req.consumer();

    Decision.Reject<PromiseAccepted> early =
        precheckPromise(req, in.chain().consumer(), in.chain().hermes());
    if (early != null) {
      return early;
    }
    if (req.withdrawal()) {
      boolean earned = in.earnings() != null && !in.earnings().amount().isZero();
      if (!earned && !in.chain().earnings().opened()) {
        return Decision.reject(
            Rejection.EXPECTED_PROVIDER_CHANNEL, "only provider identities may withdraw");
      }
    }
    if (maxFactsAge != null
        && Duration.between(in.chain().asOf(), clock.instant()).compareTo(maxFactsAge) > 0) {
      return Decision.reject(Rejection.UNAVAILABLE, "chain facts are stale, try again later");
    }

    // identical retry: answer the stored promise; the same hashlock for another exchange is refused
    IssuedPromise existing = in.existing();
    if (existing != null) {
      if (existing.sameExchange(consumer, req.agreementId(), req.agreementTotal())) {
        return Decision.accept(PromiseAccepted.replayOf(existing));
      }
      return Decision.reject(
          Rejection.HASHLOCK_REUSED,
          "hashlock " + promise.hashlock() + " was used for another exchange");
    }

    // 7: the previous promise of this provider channel must be revealed first
    ProviderState provider = in.provider();
    if (provider.pendingReveal()) {
      if (provider.rRecoveryData() != null && !provider.rRecoveryData().isEmpty()) {
        return Decision.reject(
            Rejection.R_RECOVERY_REQUIRED,
            "reveal R of hashlock " + provider.hashlock() + " first",
            provider.rRecoveryData());
      }
      return Decision.reject(
          Rejection.PREVIOUS_R_NOT_REVEALED,
          "reveal R of hashlock " + provider.hashlock() + " first");
    }

    // 8: the agreement total never goes down
    BigInteger delta =
        req.agreementTotal().toBigInteger().subtract(in.lastAgreementTotal().toBigInteger());
    if (delta.signum() < 0) {
      return Decision.reject(
          Rejection.PAYMENT_VALUE_TOO_LOW,
          "agreement total "
              + req.agreementTotal()
              + " is below the accepted "
              + in.lastAgreementTotal());
    }

    // 9: the promise covers everything accepted so far plus this increment
    BigInteger grand = in.consumer().grandTotal().toBigInteger();
    BigInteger required = grand.add(delta);
    if (promise.amount().toBigInteger().compareTo(required) < 0) {
      return Decision.reject(
          Rejection.PROMISE_VALUE_TOO_LOW,
          "promise amount " + promise.amount() + " is below the required " + required);
    }

    // 10: unsettled promises stay within the channel balance
    ChainFacts.Consumer cf = in.chain().consumer();
    BigInteger unsettled =
        Amounts.max(promise.amount().toBigInteger(), required)
            .subtract(cf.settled().toBigInteger());
    if (unsettled.compareTo(cf.channelBalance().toBigInteger()) > 0) {
      return Decision.reject(
          Rejection.OVERSPENDING,
          "unsettled " + unsettled + " would exceed the channel balance " + cf.channelBalance());
    }
    if (req.withdrawal()) {
      BigInteger unsettledBefore =
          Amounts.positivePart(
              Amounts.max(grand, in.consumer().latestAmount().toBigInteger())
                  .subtract(cf.settled().toBigInteger()));
      BigInteger available =
          Amounts.positivePart(cf.channelBalance().toBigInteger().subtract(unsettledBefore));
      if (delta.compareTo(available) > 0) {
        return Decision.reject(
            Rejection.WITHDRAWAL_EXCEEDS_AVAILABLE,
            "withdrawal " + delta + " exceeds the available " + available);
      }
    }

    // 11: provider capacity (earnings channels only; withdrawals are bounded by rule 10)
    ChainFacts.ProviderChannel pf = in.chain().provider();
    if (pf.settled().compareTo(provider.amount()) > 0) {
      return Decision.reject(
          Rejection.INVALID_PREVIOUS_LATEST_PROMISE,
          "the chain has settled "
              + pf.settled()
              + " on this channel, more than the hub's latest promise "
              + provider.amount());
    }
    BigInteger newProviderAmount = provider.amount().toBigInteger().add(delta);
    if (!req.withdrawal()) {
      BigInteger providerUnsettled = newProviderAmount.subtract(pf.settled().toBigInteger());
      TokenAmount cap = capacity(pf, in.chain().hermes());
      if (providerUnsettled.compareTo(cap.toBigInteger()) > 0) {
        return Decision.reject(
            Rejection.PROVIDER_BALANCE_EXHAUSTED,
            "provider unsettled " + providerUnsettled + " would exceed its capacity " + cap);
      }
    }

    // 11b: the Hermes contract can pay everything the hub then owes providers (solvency guard)
    if (policy.solvencyGuard() && in.promisedTotal() != null && delta.signum() > 0) {
      ChainFacts.Hermes hermes = in.chain().hermes();
      if (!Solvency.admits(in.promisedTotal(), delta, hermes)) {
        return Decision.reject(
            Rejection.HUB_FUNDS_EXHAUSTED,
            "the hub cannot cover "
                + delta
                + " more now (headroom "
                + Solvency.headroom(in.promisedTotal(), hermes)
                + ") until consumers' promises are settled into its contract; retry later");
      }
    }

    // 12: the transactor fee the provider asks for is bounded
    if (req.transactorFee().compareTo(policy.maxTransactorFee()) > 0) {
      return Decision.reject(
          Rejection.TRANSACTOR_FEE_TOO_HIGH,
          "transactor fee "
              + req.transactorFee()
              + " exceeds the maximum "
              + policy.maxTransactorFee());
    }

    UnsignedPromise hubPromise =
        UnsignedPromise.forProviderChannel(
            req.emChainId(),
            provider.channelId(),
            TokenAmount.of(newProviderAmount),
            req.transactorFee(),
            promise.hashlock());
    ConsumerState nextConsumer =
        new ConsumerState(
            in.consumer().chainId(),
            consumer,
            TokenAmount.of(required),
            promise.amount().compareTo(in.consumer().latestAmount()) > 0
                    || in.consumer().latest() == null
                ? promise
                : in.consumer().latest());
    ProviderState nextProvider =
        provider.withPromise(
            TokenAmount.of(newProviderAmount),
            req.transactorFee(),
            promise.hashlock(),
            req.rRecoveryData());
    IssuedPromise issued =
        new IssuedPromise(
            consumer,
            req.provider(),
            req.agreementId(),
            req.agreementTotal(),
            TokenAmount.of(delta),
            promise,
            hubPromise,
            req.rRecoveryData());
    return Decision.accept(
        new PromiseAccepted(
            nextConsumer, nextProvider, req.agreementTotal(), issued, hubPromise, false));
  }

  /** Stake is the capacity; zero-stake providers get a soft cap (configured, else maxStake). */
  TokenAmount capacity(ChainFacts.ProviderChannel pf, ChainFacts.Hermes hermes) {
    if (!pf.stake().isZero()) {
      return pf.stake();
    }
    if (policy.zeroStakeCap() != null) {
      return policy.zeroStakeCap();
    }
    return hermes.maxStake();
  }

  /**
   * reveal_r (5.3) over the identity's channels (earnings and withdrawal, every chain served).
   *
   * @param channels the identity's provider channel states, in any order
   */
  public Decision<RevealAccepted> revealR(RevealRequest req, List<ProviderState> channels) {
    ProviderState match = null;
    ProviderState anyPending = null;
    for (ProviderState p : channels) {
      if (!p.pendingReveal()) {
        continue;
      }
      anyPending = p;
      if (p.hashlock().equals(req.hashlockOfR())) {
        match = p;
      }
    }
    if (anyPending == null) {
      return Decision.reject(
          Rejection.NO_PREVIOUS_PROMISE, "no promise of " + req.provider() + " waits for its R");
    }
    if (match == null) {
      return Decision.reject(
          Rejection.HASHLOCK_MISMATCH, "keccak(R) is not the hashlock of the pending promise");
    }
    return Decision.accept(new RevealAccepted(match.asRevealed(), match.hashlock(), req.r()));
  }

  /**
   * change_promise_fee (5.5): re-sign the provider's latest promise with a new fee.
   *
   * @param stored the state of the channel named by the given promise, or null when unknown
   */
  public Decision<ProviderState> changeFee(ChangeFeeRequest req, ProviderState stored) {
    UnsignedPromise given = req.given();
    if (!req.signer().equals(policy.operator())) {
      return Decision.reject(Rejection.INVALID_SIGNATURE, "the promise is not signed by this hub");
    }
    if (!policy.servesChain(given.chainId())) {
      return Decision.reject(Rejection.WRONG_CHAIN, "chain " + given.chainId() + " is not served");
    }
    if (stored == null || !stored.hasPromise()) {
      return Decision.reject(
          Rejection.RESOURCE_NOT_FOUND, "no promise on channel " + given.channelId());
    }
    if (stored.amount().compareTo(given.amount()) != 0
        || !stored.hashlock().equals(given.hashlock())) {
      return Decision.reject(
          Rejection.NOT_LATEST_PROMISE,
          "the latest promise on this channel has amount "
              + stored.amount()
              + " and another hashlock");
    }
    if (req.newFee().compareTo(policy.maxTransactorFee()) > 0) {
      return Decision.reject(
          Rejection.TRANSACTOR_FEE_TOO_HIGH,
          "transactor fee " + req.newFee() + " exceeds the maximum " + policy.maxTransactorFee());
    }
    return Decision.accept(stored.withFee(req.newFee()));
  }

  /**
   * provider/sync_promise (4.8): adopt the provider's copy of a hub promise after hub data loss.
   *
   * @param stored the state of the channel named by the promise (empty state when unknown)
   */
  public Decision<ProviderState> syncPromise(SyncRequest req, ProviderState stored) {
    UnsignedPromise p = req.promise();
    if (!policy.servesChain(p.chainId())) {
      return Decision.reject(Rejection.WRONG_CHAIN, "chain " + p.chainId() + " is not served");
    }
    Address signer = req.authSigner();
    ChannelKind kind = channels.kindOf(signer, p.channelId());
    if (kind == null) {
      return Decision.reject(
          Rejection.INVALID_SIGNATURE,
          "the request is not signed by the owner of channel " + p.channelId());
    }
    if (!req.promiseSigner().equals(policy.operator())) {
      return Decision.reject(Rejection.INVALID_SIGNATURE, "the promise is not signed by this hub");
    }
    if (p.amount().compareTo(stored.amount()) < 0) {
      return Decision.reject(
          Rejection.SYNC_AMOUNT_TOO_LOW,
          "promise amount " + p.amount() + " is below the hub's " + stored.amount());
    }
    if (stored.hasPromise()
        && p.amount().compareTo(stored.amount()) == 0
        && p.hashlock().equals(stored.hashlock())
        && p.fee().compareTo(stored.fee()) == 0) {
      return Decision.accept(stored);
    }
    return Decision.accept(
        ProviderState.empty(p.chainId(), p.channelId(), signer, kind)
            .withPromise(p.amount(), p.fee(), p.hashlock(), null));
  }

  /**
   * refresh_promise (4.8): the same amount under a new hashlock, for a provider that lost its R.
   *
   * @param stored the provider's earnings channel state (empty state when unknown)
   */
  public Decision<ProviderState> refreshPromise(RefreshRequest req, ProviderState stored) {
    if (!req.authSigner().equals(req.identity())) {
      return Decision.reject(
          Rejection.INVALID_SIGNATURE, "the request is not signed by " + req.identity());
    }
    if (!policy.servesChain(req.chainId())) {
      return Decision.reject(Rejection.WRONG_CHAIN, "chain " + req.chainId() + " is not served");
    }
    if (!stored.hasPromise() || stored.amount().isZero()) {
      return Decision.reject(
          Rejection.RESOURCE_NOT_FOUND, "no promise to refresh for " + req.identity());
    }
    if (stored.hashlock().equals(req.hashlock())) {
      return Decision.accept(stored);
    }
    return Decision.accept(
        stored.withPromise(stored.amount(), stored.fee(), req.hashlock(), req.rRecoveryData()));
  }
}
