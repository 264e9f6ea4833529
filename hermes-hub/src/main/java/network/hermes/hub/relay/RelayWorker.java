package network.hermes.hub.relay;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.ChainWriter;
import network.hermes.contracts.chain.PendingTx;
import network.hermes.contracts.chain.TxRequest;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.chain.TxStatus;
import network.hermes.hub.chain.ChainView;
import network.hermes.hub.core.ChainFacts;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RelayRequest;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RelayStakeDecrease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued relay jobs with the relay's key (which pays the gas and receives the transactor
 * fees): queued → sent (hash known) → done, or error with the reason. A transaction the chain would
 * refuse (revert) is an error at once; a node or network failure is retried with back-off. A
 * registration waits until the channel holds its stake and fee.
 */
public final class RelayWorker {
  private static final Logger LOG = LoggerFactory.getLogger(RelayWorker.class);

  /**
   * @param maxAttempts sends tried before a job is given up on transport errors
   * @param retryBase wait after the first transport failure; doubles each time
   * @param fundingWait how long a registration may wait for its channel balance
   */
  public record Settings(int maxAttempts, Duration retryBase, Duration fundingWait) {}

  /** Told of each finished job (metrics). */
  public interface Listener {
    void finished(JobKind kind, String state);
  }

  private final RelayStore store;
  private final ChainClient client;
  private final ChainView chain;
  private final ChainWriter relay;
  private final ChainId chainId;
  private final Settings settings;
  private final Clock clock;
  private final Listener listener;
  private Instant nextPrune = Instant.MIN;

  public RelayWorker(
      RelayStore store,
      ChainClient client,
      ChainView chain,
      ChainWriter relay,
      ChainId chainId,
      Settings settings,
      Clock clock,
      Listener listener) {
    this.store = store;
    this.client = client;
    this.chain = chain;
    this.relay = relay;
    this.chainId = chainId;
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
  }

  /** On taking the lease: settle what happened to jobs broadcast before. */
  public void resume() throws Exception {
    for (RelayJob job : store.sent(chainId).await()) {
      TxStatus status = client.transactionStatus(Bytes32.fromHex(job.txHash()));
      switch (status.state()) {
        case SUCCEEDED -> finish(job, RelayJob.DONE, job.txHash(), null);
        case REVERTED ->
            finish(job, RelayJob.ERROR, null, "transaction " + job.txHash() + " reverted");
        case PENDING -> LOG.info("relay job {}: {} still pending", job.id(), job.txHash());
        case UNKNOWN -> {
          LOG.warn("relay job {}: {} unknown to the node; queued again", job.id(), job.txHash());
          store.retryLater(job.id(), clock.instant(), "resent after a restart", false).await();
        }
      }
    }
  }

  public void round() throws Exception {
    if (clock.instant().isAfter(nextPrune)) {
      store.pruneQuotes(chainId, clock.instant()).await();
      nextPrune = clock.instant().plus(Duration.ofMinutes(10));
    }
    for (RelayJob job : store.due(chainId, 20, clock.instant()).await()) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      process(job);
    }
  }

  private void process(RelayJob job) throws Exception {
    if (job.payload() == null) {
      finish(job, RelayJob.ERROR, null, "the payload was stored by an older hub; submit again");
      return;
    }
    if (job.payload() instanceof RelayRegistration r) {
      ChainFacts.Consumer facts = chain.consumer(chainId, r.identity());
      if (facts.registered()) {
        finish(job, RelayJob.ERROR, null, "the identity is already registered");
        return;
      }
      BigInteger needed = r.stake().plus(r.fee()).toBigInteger();
      if (facts.channelBalance().toBigInteger().compareTo(needed) < 0) {
        if (job.createdAt() != null
            && job.createdAt().plus(settings.fundingWait()).isBefore(clock.instant())) {
          finish(
              job,
              RelayJob.ERROR,
              null,
              "the channel did not receive stake + fee (" + needed + " wei) in time");
        } else {
          store
              .retryLater(
                  job.id(),
                  clock.instant().plusSeconds(2),
                  "waiting for the channel balance to reach " + needed + " wei",
                  false)
              .await();
        }
        return;
      }
    }
    TxResult result;
    try {
      // the hash is recorded before the receipt is awaited: a restart looks it up
      PendingTx sent = relay.send(request(job.payload()));
      markSent(job, sent.hash());
      result = sent.awaitReceipt(replacement -> markSent(job, replacement));
    } catch (ChainException e) {
      if (e.revertReason() != null) {
        finish(job, RelayJob.ERROR, null, "the transaction would revert: " + e.revertReason());
        return;
      }
      int attempts = job.attempts() + 1;
      if (attempts >= settings.maxAttempts()) {
        finish(job, RelayJob.ERROR, null, e.getMessage());
        return;
      }
      Instant retry =
          clock.instant().plus(settings.retryBase().multipliedBy(1L << Math.min(attempts - 1, 10)));
      LOG.warn("relay job {} failed ({}); retrying after {}", job.id(), e.getMessage(), retry);
      store.retryLater(job.id(), retry, e.getMessage(), true).await();
      return;
    }
    finish(job, RelayJob.DONE, result.txHash().toHex(), null);
  }

  private void markSent(RelayJob job, Bytes32 txHash) {
    try {
      store.markSent(job.id(), txHash.toHex()).await();
    } catch (Exception e) {
      LOG.warn("relay job {}: recording {} failed: {}", job.id(), txHash, e.toString());
    }
  }

  private void finish(RelayJob job, String state, String txHash, String error) throws Exception {
    if (RelayJob.DONE.equals(state)) {
      store.markDone(job.id(), txHash).await();
      LOG.info("relay job {} ({} for {}) done: {}", job.id(), job.kind(), job.identity(), txHash);
    } else {
      store.markError(job.id(), error).await();
      LOG.warn("relay job {} ({} for {}) failed: {}", job.id(), job.kind(), job.identity(), error);
    }
    listener.finished(job.kind(), state);
  }

  private TxRequest request(RelayRequest payload) {
    return switch (payload) {
      case RelayRegistration r ->
          new TxRequest.RegisterIdentity(
              r.stake(), r.fee(), r.beneficiary(), r.signature().withV27());
      case RelayStakeDecrease d ->
          new TxRequest.DecreaseStake(d.identity(), d.amount(), d.fee(), d.signature().withV27());
      case RelaySettlement s -> settlement(s);
    };
  }

  private TxRequest settlement(RelaySettlement s) {
    Address identity = s.identity();
    Bytes32 r = s.r();
    Promise promise =
        new Promise(
            client.chainId(),
            s.channelId(),
            s.amount(),
            s.fee(),
            HashlockSecret.of(r).hashlock(),
            r,
            s.signature().withV27());
    return switch (s.kind()) {
      case SETTLE_AND_REBALANCE -> new TxRequest.SettleProviderPromise(identity, promise, r);
      case SETTLE_INTO_STAKE -> new TxRequest.SettleIntoStake(identity, promise, r);
      case SETTLE_WITH_BENEFICIARY ->
          new TxRequest.SettleWithBeneficiary(
              identity, promise, r, s.beneficiary(), s.beneficiarySignature().withV27());
      case PAY_AND_SETTLE ->
          new TxRequest.PayAndSettle(
              identity, promise, r, s.beneficiary(), s.beneficiarySignature().withV27());
    };
  }
}
