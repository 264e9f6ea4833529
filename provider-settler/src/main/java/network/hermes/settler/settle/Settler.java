package network.hermes.settler.settle;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.events.ChainEvent.ProviderPromiseSettled;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.message.PayAndSettleAuthorization;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Myst;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.history.SettlementRecord;
import network.hermes.settler.history.SettlementRecord.Outcome;
import network.hermes.settler.policy.Refusal;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.policy.SettlementPlan;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;

/**
 * The one way a hub promise is settled: take the stored promise and its R, plan the settlement as
 * the contract will do it, refuse what the contract or the fee limits would not allow, have the hub
 * re-sign the promise with the transactor fee of the route ({@code change_promise_fee}), record the
 * attempt, send it (directly or through the hub's relay), wait for the contract's {@code
 * PromiseSettled} event and record the outcome. Thread-safe; one channel settles at a time.
 */
public final class Settler {
  private static final int QUOTE_ATTEMPTS = 2;

  private final SettlerChain chain;
  private final SettlerHub hub;
  private final EarningsStore store;
  private final SettlementHistory history;
  private final SettlePolicy policy;
  private final Secp256k1 secp256k1;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Options options;
  private final Set<Bytes32> busy = ConcurrentHashMap.newKeySet();

  /**
   * How long a settlement may wait.
   *
   * @param relayTimeout for the relay to finish a job
   * @param lookupTimeout for a relayed transaction's receipt to be readable from the chain node
   * @param pollInterval between two looks at the chain node
   */
  public record Options(Duration relayTimeout, Duration lookupTimeout, Duration pollInterval) {
    /**
     * Validates the durations.
     *
     * @throws NullPointerException if a duration is null
     */
    public Options {
      Objects.requireNonNull(relayTimeout, "relayTimeout");
      Objects.requireNonNull(lookupTimeout, "lookupTimeout");
      Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /**
     * Five minutes for the relay, one for the receipt, polling every second.
     *
     * @return the defaults
     */
    public static Options defaults() {
      return new Options(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(1));
    }
  }

  /**
   * A settlement to make.
   *
   * @param identity the identity whose channel is settled (signs P3 or P9 when needed)
   * @param kind the settle variant
   * @param route who sends the transaction
   * @param beneficiary the new beneficiary ({@link SettleKind#WITH_BENEFICIARY}) or the payee
   *     ({@link SettleKind#PAY_AND_SETTLE}); null for the others
   * @param allowPartial whether to go ahead when the contract's cap settles only part now
   */
  public record Request(
      Signer identity, SettleKind kind, Route route, Address beneficiary, boolean allowPartial) {
    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException if the beneficiary is missing for a variant that names one,
     *     or given to one that does not
     */
    public Request {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(route, "route");
      if (kind.namesBeneficiary() != (beneficiary != null)) {
        throw new IllegalArgumentException(
            kind.namesBeneficiary()
                ? kind + " needs a beneficiary"
                : kind + " pays the registered beneficiary; give none");
      }
      if (beneficiary != null && beneficiary.equals(Address.ZERO)) {
        throw new IllegalArgumentException("the beneficiary must not be the zero address");
      }
    }
  }

  /**
   * What a settlement would do now, without doing it.
   *
   * @param promise the stored promise
   * @param plan the settlement as the contract would make it
   * @param payee who would be paid (the hub contract for into-stake)
   * @param refusal why it would be refused, or empty
   */
  public record Preview(
      EarnedPromise promise,
      SettlementPlan plan,
      Address payee,
      Optional<SettlementPlan.Refused> refusal) {}

  /**
   * A settlement that happened.
   *
   * @param record the attempt as recorded, outcome {@link Outcome#SETTLED}
   * @param plan what was planned before sending
   * @param event the contract's {@code PromiseSettled} event
   */
  public record Settled(
      SettlementRecord record, SettlementPlan plan, ProviderPromiseSettled event) {}

  /**
   * Creates a settler for one deployment.
   *
   * @param chain the chain port
   * @param hub the hub port
   * @param store where the latest promises and their R are kept
   * @param history where attempts are recorded
   * @param policy the fee limits
   * @param secp256k1 to check the hub's signatures
   * @param clock for the history's times
   * @param progress told one line per step that waits (for a terminal's standard error)
   * @param options timeouts
   */
  public Settler(
      SettlerChain chain,
      SettlerHub hub,
      EarningsStore store,
      SettlementHistory history,
      SettlePolicy policy,
      Secp256k1 secp256k1,
      Clock clock,
      Consumer<String> progress,
      Options options) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.store = Objects.requireNonNull(store, "store");
    this.history = Objects.requireNonNull(history, "history");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.secp256k1 = Objects.requireNonNull(secp256k1, "secp256k1");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * The settlement policy in use.
   *
   * @return the policy
   */
  public SettlePolicy policy() {
    return policy;
  }

  /**
   * The chain port in use.
   *
   * @return the chain
   */
  public SettlerChain chain() {
    return chain;
  }

  /**
   * Plans a settlement of the stored promise without changing anything: chain reads, and for the
   * relay route the hub's current fee quote.
   *
   * @param request the settlement
   * @return the plan and whether it would be refused
   * @throws SettlementRefusedException when no promise is stored or the payee is not allowed
   * @throws HubCallException when the relay's quote cannot be had
   * @throws ChainException when the chain cannot be read
   */
  public Preview preview(Request request) {
    Address identity = request.identity().address();
    EarnedPromise earned = stored(identity, request.kind().channel());
    HermesState hermes = chain.hermes();
    Address payee = payee(request, identity);
    TokenAmount fee =
        request.route() == Route.RELAY ? hub.settleFee(chain.chainId()).fee() : TokenAmount.ZERO;
    SettlementPlan plan = plan(request.kind(), earned.promise(), fee, hermes);
    return new Preview(earned, plan, payee, plan.check(hermes, policy, request.allowPartial()));
  }

  /**
   * Settles the stored promise of the identity's channel.
   *
   * @param request the settlement
   * @return the settlement, once the chain has confirmed it
   * @throws SettlementRefusedException when it is not attempted (nothing sent, nothing changed)
   * @throws SettlementFailedException when it was sent or queued and did not settle (or the wait
   *     for it ran out: then the history keeps it pending and {@link #resolvePending} finishes it)
   * @throws HubCallException when the hub is needed and refuses or cannot be reached before
   *     anything was sent
   * @throws ChainException when the chain cannot be read before anything was sent
   */
  public Settled settle(Request request) {
    Address identity = request.identity().address();
    Bytes32 channelId = request.kind().channel().channelId(identity, chain.hermesId());
    if (!busy.add(channelId)) {
      throw new SettlementRefusedException(
          Refusal.IN_PROGRESS, "a settlement of channel " + channelId + " is in flight already");
    }
    try {
      for (SettlementRecord open : resolve(pendingOf(channelId))) {
        if (!open.outcome().isFinal()) {
          throw new SettlementRefusedException(
              Refusal.IN_PROGRESS,
              "settlement "
                  + open.id()
                  + " of this channel is still in flight"
                  + (open.txHash() != null ? " (transaction " + open.txHash() + ")" : "")
                  + (open.jobId() != null ? " (relay job " + open.jobId() + ")" : ""));
        }
      }
      return request.route() == Route.DIRECT ? settleDirectly(request) : settleRelayed(request);
    } finally {
      busy.remove(channelId);
    }
  }

  /**
   * Finishes the attempts a restart interrupted: looks up their transaction or relay job and
   * records the outcome. Attempts still in flight stay pending; an unreachable hub or chain leaves
   * them as they are.
   *
   * @return every attempt that was pending, in its state after the look-up
   */
  public List<SettlementRecord> resolvePending() {
    return resolve(
        history.pending().stream()
            .filter(
                r -> r.chainId().equals(chain.chainId()) && r.hermesId().equals(chain.hermesId()))
            .toList());
  }

  private Settled settleDirectly(Request request) {
    Address identity = request.identity().address();
    EarnedPromise earned = stored(identity, request.kind().channel());
    HermesState hermes = chain.hermes();
    checkSignedByHub(earned.promise(), hermes.operator(), "the stored promise");
    Address payee = payee(request, identity);
    SettlementPlan plan = plan(request.kind(), earned.promise(), TokenAmount.ZERO, hermes);
    refuseIfNeeded(plan, hermes, request);
    Promise promise = earned.promise();
    if (!promise.fee().isZero()) {
      try {
        promise = refreshFee(earned, TokenAmount.ZERO, hermes).promise();
      } catch (HubCallException e) {
        if (!e.isUnreachable()) {
          throw e;
        }
        // sent by our own key, the stored fee is paid to ourselves: settle as it is
        progress.accept(
            "the hub is unreachable; settling with the promise's transactor fee "
                + Myst.format(promise.fee())
                + ", which goes to the sending account");
      }
      plan = plan(request.kind(), promise, promise.fee(), hermes);
      refuseIfNeeded(plan, hermes, request);
    }
    Authorization auth = authorization(request, promise);
    SettlementRecord pending = begin(request, plan, payee);
    SettlementRecord[] current = {pending};
    progress.accept(
        "sending the settlement of " + Myst.format(plan.toSettle()) + " from the sending account");
    SettlerChain.Mined mined;
    try {
      mined =
          chain.send(
              request.kind(),
              identity,
              promise,
              request.beneficiary(),
              auth.signature(),
              hash -> {
                current[0] = current[0].withTxHash(hash);
                history.record(current[0]);
                progress.accept("sent " + hash + ", waiting for it to be mined");
              });
    } catch (ChainException e) {
      if (current[0].txHash() == null) {
        SettlementRecord failed =
            current[0].ended(clock.instant(), Outcome.FAILED, "not sent: " + e.getMessage());
        history.record(failed);
        throw new SettlementFailedException(failed, failed.error(), e);
      }
      // broadcast, outcome not known: stays pending for resolvePending
      throw new SettlementFailedException(
          current[0],
          "transaction "
              + current[0].txHash()
              + " was sent; its outcome is not known yet: "
              + e.getMessage(),
          e);
    }
    SettlementRecord done =
        current[0].settled(
            clock.instant(),
            mined.txHash(),
            mined.event().amountSentToBeneficiary(),
            mined.event().fees());
    history.record(done);
    return new Settled(done, plan, mined.event());
  }

  private Settled settleRelayed(Request request) {
    Address identity = request.identity().address();
    for (int attempt = 1; ; attempt++) {
      EarnedPromise earned = stored(identity, request.kind().channel());
      HermesState hermes = chain.hermes();
      checkSignedByHub(earned.promise(), hermes.operator(), "the stored promise");
      Address payee = payee(request, identity);
      TokenAmount fee = hub.settleFee(chain.chainId()).fee();
      SettlementPlan plan = plan(request.kind(), earned.promise(), fee, hermes);
      refuseIfNeeded(plan, hermes, request);
      Promise promise = refreshFee(earned, fee, hermes).promise();
      RelaySettlement payload = relayPayload(request, promise, authorization(request, promise));
      SettlementRecord pending = begin(request, plan, payee);
      String jobId;
      try {
        jobId = hub.submitSettlement(payload);
      } catch (HubCallException e) {
        SettlementRecord ended =
            e.isUnreachable()
                ? pending.ended(
                    clock.instant(),
                    Outcome.UNKNOWN,
                    "the hub could not be reached while queueing ("
                        + e.getMessage()
                        + "); the"
                        + " relay may have queued it: the channel's settled amount on chain tells")
                : pending.ended(
                    clock.instant(), Outcome.FAILED, "the relay refused: " + e.getMessage());
        history.record(ended);
        if (e.is(SettlerHub.FEE_BELOW_QUOTE) && attempt < QUOTE_ATTEMPTS) {
          progress.accept("the relay's fee quote moved; asking for a new one");
          continue;
        }
        throw e;
      }
      SettlementRecord queued = pending.withJobId(jobId);
      history.record(queued);
      progress.accept("queued with the relay as job " + jobId + "; waiting for it");
      return awaitRelayed(queued, plan);
    }
  }

  private Settled awaitRelayed(SettlementRecord queued, SettlementPlan plan) {
    RelayJob[] last = {null};
    RelayJob job =
        hub.awaitJob(
            queued.jobId(),
            options.relayTimeout(),
            seen -> {
              if (last[0] == null || last[0].state() != seen.state()) {
                progress.accept(
                    "relay job "
                        + seen.id()
                        + ": "
                        + seen.state().wireName()
                        + (seen.txHash().isEmpty() ? "" : " " + seen.txHash()));
              }
              last[0] = seen;
            });
    SettlementRecord current = queued;
    if (!job.txHash().isEmpty()) {
      current = current.withTxHash(job.txHash());
      history.record(current);
    }
    if (job.state() == RelayJob.State.ERROR) {
      SettlementRecord failed =
          current.ended(clock.instant(), Outcome.FAILED, "the relay failed: " + job.error());
      history.record(failed);
      throw new SettlementFailedException(failed, failed.error(), null);
    }
    if (job.state() != RelayJob.State.DONE) {
      throw new SettlementFailedException(
          current,
          "relay job "
              + job.id()
              + " is still "
              + job.state().wireName()
              + " after "
              + options.relayTimeout().toSeconds()
              + " s; it stays pending in the history",
          null);
    }
    SettlerChain.Lookup lookup = awaitLookup(current);
    return switch (lookup.state()) {
      case SETTLED -> {
        SettlementRecord done =
            current.settled(
                clock.instant(),
                current.txHash(),
                lookup.event().amountSentToBeneficiary(),
                lookup.event().fees());
        history.record(done);
        yield new Settled(done, plan, lookup.event());
      }
      case REVERTED, NO_EVENT -> {
        SettlementRecord failed = current.ended(clock.instant(), Outcome.FAILED, lookup.detail());
        history.record(failed);
        throw new SettlementFailedException(failed, failed.error(), null);
      }
      case PENDING, UNKNOWN ->
          throw new SettlementFailedException(
              current,
              "the relay reports transaction "
                  + current.txHash()
                  + " done, but the chain node does not show it mined yet; it stays pending",
              null);
    };
  }

  private SettlerChain.Lookup awaitLookup(SettlementRecord record) {
    long deadline = System.nanoTime() + options.lookupTimeout().toNanos();
    while (true) {
      SettlerChain.Lookup lookup =
          chain.lookup(record.txHash(), record.channelId(), stored(record).r());
      boolean settledOrFailed =
          lookup.state() != SettlerChain.Lookup.State.PENDING
              && lookup.state() != SettlerChain.Lookup.State.UNKNOWN;
      if (settledOrFailed || System.nanoTime() > deadline) {
        return lookup;
      }
      sleep(options.pollInterval());
    }
  }

  private List<SettlementRecord> resolve(List<SettlementRecord> pending) {
    List<SettlementRecord> out = new ArrayList<>();
    for (SettlementRecord r : pending) {
      SettlementRecord now = r;
      try {
        now = resolveOne(r);
      } catch (HubCallException | ChainException e) {
        progress.accept("cannot look up settlement " + r.id() + " now: " + e.getMessage());
      }
      if (now != r) {
        history.record(now);
      }
      out.add(now);
    }
    return out;
  }

  private SettlementRecord resolveOne(SettlementRecord r) {
    SettlementRecord current = r;
    if (current.txHash() == null && current.jobId() != null) {
      RelayJob job = hub.awaitJob(current.jobId(), Duration.ZERO, seen -> {});
      if (job.state() == RelayJob.State.ERROR) {
        return current.ended(clock.instant(), Outcome.FAILED, "the relay failed: " + job.error());
      }
      if (job.txHash().isEmpty()) {
        return current;
      }
      current = current.withTxHash(job.txHash());
    }
    if (current.txHash() == null) {
      return current.ended(
          clock.instant(),
          Outcome.UNKNOWN,
          "interrupted before its transaction was sent or identified; the channel's settled"
              + " amount on chain tells whether it happened");
    }
    SettlerChain.Lookup lookup =
        chain.lookup(current.txHash(), current.channelId(), lockOf(current));
    return switch (lookup.state()) {
      case SETTLED ->
          current.settled(
              clock.instant(),
              current.txHash(),
              lookup.event().amountSentToBeneficiary(),
              lookup.event().fees());
      case REVERTED, NO_EVENT -> current.ended(clock.instant(), Outcome.FAILED, lookup.detail());
      case PENDING -> current;
      case UNKNOWN ->
          current.jobId() != null
              ? current
              : current.ended(
                  clock.instant(),
                  Outcome.UNKNOWN,
                  "transaction "
                      + current.txHash()
                      + " is unknown to the chain node (dropped?); the channel's settled amount"
                      + " on chain tells whether it happened");
    };
  }

  /** The R of the promise the record settled: the stored one (R does not change with the fee). */
  private Bytes32 lockOf(SettlementRecord r) {
    return stored(r).r();
  }

  private EarnedPromise stored(SettlementRecord r) {
    return store
        .latest(r.chainId(), r.hermesId(), r.channelId())
        .orElseThrow(
            () ->
                new SettlementRefusedException(
                    Refusal.NO_PROMISE, "no promise is stored for channel " + r.channelId()));
  }

  private List<SettlementRecord> pendingOf(Bytes32 channelId) {
    return history.pending().stream()
        .filter(
            r ->
                r.chainId().equals(chain.chainId())
                    && r.hermesId().equals(chain.hermesId())
                    && r.channelId().equals(channelId))
        .toList();
  }

  private EarnedPromise stored(Address identity, ChannelKind kind) {
    return store
        .latest(chain.chainId(), chain.hermesId(), identity, kind)
        .orElseThrow(
            () ->
                new SettlementRefusedException(
                    Refusal.NO_PROMISE,
                    "no hub promise is stored for the "
                        + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " channel of "
                        + identity
                        + " at "
                        + chain.hermesId()
                        + "; resynchronise with the hub first"));
  }

  private SettlementPlan plan(
      SettleKind kind, Promise promise, TokenAmount transactorFee, HermesState hermes) {
    ProviderChannelState channel = chain.channel(promise.channelId());
    return SettlementPlan.of(kind, promise.amount(), transactorFee, channel, hermes);
  }

  private void refuseIfNeeded(SettlementPlan plan, HermesState hermes, Request request) {
    Optional<SettlementPlan.Refused> refused = plan.check(hermes, policy, request.allowPartial());
    if (refused.isPresent()) {
      throw new SettlementRefusedException(refused.get().reason(), refused.get().message());
    }
  }

  /** Who the settlement pays; refuses an unregistered identity and the own-channel default. */
  private Address payee(Request request, Address identity) {
    Address payee =
        switch (request.kind()) {
          case PLAIN -> chain.beneficiary(identity);
          case WITH_BENEFICIARY, PAY_AND_SETTLE -> request.beneficiary();
          case INTO_STAKE -> chain.hermesId();
        };
    if (request.kind() == SettleKind.PLAIN && payee.equals(Address.ZERO)) {
      throw new SettlementRefusedException(
          Refusal.UNREGISTERED, identity + " has no beneficiary in the Registry (not registered)");
    }
    boolean paysOut =
        request.kind() == SettleKind.PLAIN || request.kind() == SettleKind.WITH_BENEFICIARY;
    if (paysOut && payee.equals(chain.consumerChannel(identity))) {
      throw new SettlementRefusedException(
          Refusal.BENEFICIARY_IS_OWN_CHANNEL,
          "the payout address "
              + payee
              + " is the identity's own consumer channel (the registration default); settle"
              + " once with a new beneficiary to choose where earnings go");
    }
    return payee;
  }

  /** The stored promise re-signed by the hub with {@code fee}, checked and stored. */
  private EarnedPromise refreshFee(EarnedPromise earned, TokenAmount fee, HermesState hermes) {
    Promise promise = earned.promise();
    if (promise.fee().equals(fee)) {
      return earned;
    }
    progress.accept(
        "asking the hub to re-sign the promise with transactor fee " + Myst.format(fee));
    Promise answer;
    try {
      answer = hub.changePromiseFee(promise.withR(null), fee);
    } catch (HubCallException e) {
      if (e.is(SettlerHub.NOT_LATEST) || e.is(SettlerHub.NOT_FOUND)) {
        throw new SettlementRefusedException(
            Refusal.OUT_OF_SYNC,
            "the hub's latest promise is not the one stored here ("
                + e.getMessage()
                + "); resynchronise with the hub first");
      }
      throw e;
    }
    boolean same =
        answer.chainId().equals(promise.chainId())
            && answer.channelId().equals(promise.channelId())
            && answer.amount().equals(promise.amount())
            && answer.hashlock().equals(promise.hashlock())
            && answer.fee().equals(fee);
    if (!same) {
      throw new SettlementRefusedException(
          Refusal.BAD_HUB_ANSWER,
          "the hub re-signed another promise than asked (amount "
              + Myst.format(answer.amount())
              + ", fee "
              + Myst.format(answer.fee())
              + ")");
    }
    checkSignedByHub(answer, hermes.operator(), "the re-signed promise");
    EarnedPromise refreshed =
        new EarnedPromise(
            earned.hermesId(), earned.identity(), earned.kind(), answer.withR(earned.r()));
    EarningsStore.PutResult put = store.put(refreshed);
    if (put.outcome() == EarningsStore.Outcome.KEPT_HIGHER) {
      throw new SettlementRefusedException(
          Refusal.OUT_OF_SYNC,
          "a newer promise of "
              + Myst.format(put.current().promise().amount())
              + " arrived meanwhile; settle again");
    }
    return refreshed;
  }

  private void checkSignedByHub(Promise promise, Address operator, String what) {
    if (!promise.isSignedBy(operator, secp256k1)) {
      throw new SettlementRefusedException(
          Refusal.BAD_HUB_ANSWER, what + " is not signed by the hub's operator " + operator);
    }
  }

  /** The identity's P3 (with its nonce) or P9 signature, for the variants that need one. */
  private record Authorization(Signature signature, BigInteger nonce) {}

  private Authorization authorization(Request request, Promise promise) {
    Address identity = request.identity().address();
    return switch (request.kind()) {
      case WITH_BENEFICIARY -> {
        BigInteger nonce = chain.nextBeneficiaryNonce(identity);
        yield new Authorization(
            new BeneficiaryChange(
                    chain.chainId(), chain.registry(), identity, request.beneficiary(), nonce)
                .sign(request.identity()),
            nonce);
      }
      case PAY_AND_SETTLE ->
          new Authorization(
              new PayAndSettleAuthorization(
                      chain.chainId(),
                      promise.channelId(),
                      promise.amount(),
                      promise.r(),
                      request.beneficiary())
                  .sign(request.identity()),
              null);
      case PLAIN, INTO_STAKE -> new Authorization(null, null);
    };
  }

  private RelaySettlement relayPayload(Request request, Promise promise, Authorization auth) {
    Address identity = request.identity().address();
    RelaySettlement.Kind kind =
        switch (request.kind()) {
          case PLAIN -> RelaySettlement.Kind.SETTLE_AND_REBALANCE;
          case WITH_BENEFICIARY -> RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY;
          case INTO_STAKE -> RelaySettlement.Kind.SETTLE_INTO_STAKE;
          case PAY_AND_SETTLE -> RelaySettlement.Kind.PAY_AND_SETTLE;
        };
    boolean withBeneficiary = request.kind() == SettleKind.WITH_BENEFICIARY;
    return new RelaySettlement(
        kind,
        promise.chainId(),
        chain.hermesId(),
        promise.channelId(),
        promise.amount(),
        promise.fee(),
        promise.r(),
        promise.signature(),
        identity,
        request.beneficiary(),
        auth.signature(),
        auth.nonce(),
        withBeneficiary ? chain.registry() : null);
  }

  private SettlementRecord begin(Request request, SettlementPlan plan, Address payee) {
    Address identity = request.identity().address();
    SettlementRecord record =
        new SettlementRecord(
            UUID.randomUUID().toString(),
            clock.instant(),
            null,
            chain.chainId(),
            chain.hermesId(),
            identity,
            request.kind().channel().channelId(identity, chain.hermesId()),
            request.kind(),
            request.route(),
            plan.promiseAmount(),
            plan.settled(),
            plan.toSettle(),
            plan.hubFee(),
            plan.transactorFee(),
            payee,
            null,
            null,
            Outcome.PENDING,
            null,
            null,
            null);
    history.record(record);
    return record;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the chain", e);
    }
  }
}
