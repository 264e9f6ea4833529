package network.hermes.node.provider;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.node.store.Earnings;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.recovery.InvalidRecoveryDataException;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's dealings with its hub, one at a time in arrival order (the hub answers a provider's
 * requests in a chain: each reveal unlocks the next promise). For every paid invoice: store R,
 * {@code request_promise} with R's recovery data, check the hub's promise (operator signature,
 * channel, hashlock), store it with R, reveal R. The hub's refusals are sorted by upstream's table
 * into retry, recover, and end the session.
 */
public final class HubPayments {
  private static final Logger LOG = LoggerFactory.getLogger(HubPayments.class);

  /** What came of forwarding one payment. */
  public sealed interface Outcome {}

  /** The hub promised; the promise is stored with R and R revealed (or to be revealed). */
  public record Paid(Promise promise) implements Outcome {}

  /** The hub did not promise this time; the next payment tries again. */
  public record Retry(String reason) implements Outcome {}

  /** The hub refused the consumer for good: the session must end. */
  public record Fatal(String reason, HubCause cause) implements Outcome {}

  private final HubClient hub;
  private final Signer signer;
  private final RRecovery recovery;
  private final Address operator;
  private final Address hermesId;
  private final ChainId chainId;
  private final Earnings earnings;
  private final Secp256k1 secp256k1;
  private final SecureRandom random;
  private final Bytes32 channelId;
  private final ReentrantLock order = new ReentrantLock(true);

  /** Creates the hub path of one provider. */
  public HubPayments(
      HubClient hub,
      Signer signer,
      PrivateKey key,
      Address operator,
      Address hermesId,
      ChainId chainId,
      Earnings earnings,
      Secp256k1 secp256k1,
      SecureRandom random) {
    this.hub = hub;
    this.signer = signer;
    this.recovery = RRecovery.forKey(key);
    this.operator = operator;
    this.hermesId = hermesId;
    this.chainId = chainId;
    this.earnings = earnings;
    this.secp256k1 = secp256k1;
    this.random = random;
    this.channelId = ChannelIds.providerChannelId(signer.address(), hermesId);
  }

  /** The durable earnings. */
  public Earnings earnings() {
    return earnings;
  }

  /** Forwards a checked payment whose invoice was locked with {@code secret}. */
  public Outcome forward(ExchangeMessage message, HashlockSecret secret) {
    order.lock();
    try {
      try {
        earnings.expect(secret.hashlock(), secret.r(), message.agreementId());
      } catch (IOException e) {
        return new Retry("cannot store R: " + e.getMessage());
      }
      RequestPromiseRequest request =
          new RequestPromiseRequest(
              message,
              TokenAmount.ZERO,
              recovery.encrypt(RecoveryDetails.of(secret.r(), message.agreementId()), random));
      return request(request, secret, message.agreementId(), true);
    } finally {
      order.unlock();
    }
  }

  private Outcome request(
      RequestPromiseRequest request, HashlockSecret secret, BigInteger agreementId, boolean retry) {
    Promise promise;
    try {
      promise = hub.requestPromise(request);
    } catch (HubException e) {
      return refused(e, request, secret, agreementId, retry);
    }
    Optional<String> wrong = wrongPromise(promise, secret.hashlock());
    if (wrong.isPresent()) {
      return new Retry(wrong.get());
    }
    try {
      earnings.store(promise.withR(secret.r()), agreementId);
    } catch (IOException e) {
      // not revealed: the hub keeps the recovery data and hands it back next time
      return new Retry("cannot store the hub's promise: " + e.getMessage());
    }
    reveal(secret.r(), agreementId, promise.hashlock());
    return new Paid(promise);
  }

  private Outcome refused(
      HubException e,
      RequestPromiseRequest request,
      HashlockSecret secret,
      BigInteger agreementId,
      boolean retry) {
    HubCause cause = e.kind();
    switch (cause) {
      case R_RECOVERY_REQUIRED -> {
        if (retry && recoverFrom(e.data().orElse(""))) {
          return request(request, secret, agreementId, false);
        }
      }
      case PREVIOUS_R_NOT_REVEALED -> {
        if (retry && revealStored()) {
          return request(request, secret, agreementId, false);
        }
      }
      case INVALID_PREVIOUS_PROMISE -> {
        if (retry && syncStored()) {
          return request(request, secret, agreementId, false);
        }
      }
      case INVALID_SIGNATURE,
          PAYMENT_VALUE_TOO_LOW,
          PROMISE_VALUE_TOO_LOW,
          CONSUMER_OVERSPENDING,
          CONSUMER_UNREGISTERED,
          PROVIDER_BALANCE_EXHAUSTED -> {
        dropQuietly(secret.hashlock());
        return new Fatal("hub refused the payment: " + e.cause(), cause);
      }
      default -> {}
    }
    return new Retry("hub: " + (e.cause().isEmpty() ? e.getMessage() : e.cause()));
  }

  /**
   * After a restart: reveal what is unrevealed, adopt what the hub issued before a crash, resync.
   */
  public void reconcile() throws HubException, IOException {
    order.lock();
    try {
      Promise hubLatest = hubLatest();
      Optional<Promise> stored = earnings.latest();
      if (hubLatest != null
          && (stored.isEmpty() || hubLatest.amount().compareTo(stored.get().amount()) > 0)) {
        Optional<Earnings.Pending> pending = earnings.pending(hubLatest.hashlock());
        if (pending.isPresent() && wrongPromise(hubLatest, hubLatest.hashlock()).isEmpty()) {
          LOG.info(
              "adopting the hub's promise of {} issued before the restart", hubLatest.amount());
          earnings.store(hubLatest.withR(pending.get().r()), pending.get().agreementId());
          reveal(pending.get().r(), pending.get().agreementId(), hubLatest.hashlock());
          return;
        }
        if (stored.isEmpty() || !stored.get().hashlock().equals(hubLatest.hashlock())) {
          refresh();
          return;
        }
      }
      if (stored.isPresent()
          && hubLatest != null
          && hubLatest.amount().compareTo(stored.get().amount()) < 0) {
        LOG.warn(
            "the hub's promise ({}) is below ours ({}): syncing",
            hubLatest.amount(),
            stored.get().amount());
        hub.syncPromise(SyncPromiseRequest.of(stored.get()), signer);
      }
      if (stored.isPresent() && !earnings.revealed()) {
        reveal(stored.get().r(), earnings.latestAgreement(), stored.get().hashlock());
      }
    } finally {
      order.unlock();
    }
  }

  // the hub has a promise whose R we lost: get the same amount under a fresh R
  private void refresh() throws HubException, IOException {
    HashlockSecret secret = HashlockSecret.random(random);
    earnings.expect(secret.hashlock(), secret.r(), BigInteger.ZERO);
    Promise refreshed =
        hub.refreshPromise(
            new RefreshPromiseRequest(
                chainId,
                signer.address(),
                secret.hashlock(),
                recovery.encrypt(RecoveryDetails.of(secret.r(), BigInteger.ZERO), random)),
            signer);
    Optional<String> wrong = wrongPromise(refreshed, secret.hashlock());
    if (wrong.isPresent()) {
      throw new IOException("refreshed promise refused: " + wrong.get());
    }
    earnings.store(refreshed.withR(secret.r()), BigInteger.ZERO);
    LOG.info("refreshed the hub's promise of {} under a new R", refreshed.amount());
    reveal(secret.r(), null, refreshed.hashlock());
  }

  private Promise hubLatest() throws HubException {
    try {
      ChannelData data = hub.providerData(signer.address()).get(chainId);
      return data == null ? null : data.latestPromise();
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private Optional<String> wrongPromise(Promise promise, Bytes32 hashlock) {
    try {
      if (!promise.recoverSigner(secp256k1).equals(operator)) {
        return Optional.of("hub promise not signed by the hub operator " + operator);
      }
    } catch (InvalidSignatureException e) {
      return Optional.of("hub promise signature unreadable");
    }
    if (!promise.channelId().equals(channelId) || !promise.chainId().equals(chainId)) {
      return Optional.of("hub promise on another channel or chain");
    }
    if (!promise.hashlock().equals(hashlock)) {
      return Optional.of("hub promise under another hashlock");
    }
    return Optional.empty();
  }

  private void reveal(Bytes32 r, BigInteger agreementId, Bytes32 hashlock) {
    try {
      hub.revealR(new RevealRequest(r, signer.address(), agreementId));
    } catch (HubException e) {
      if (e.kind() != HubCause.NO_PREVIOUS_PROMISE) {
        LOG.warn("reveal of R failed ({}); the next request reveals it", e.getMessage());
        return;
      }
    }
    try {
      earnings.markRevealed(hashlock);
    } catch (IOException e) {
      LOG.warn("cannot record the reveal: {}", e.getMessage());
    }
  }

  private boolean recoverFrom(String data) {
    try {
      RecoveryDetails details = recovery.decrypt(data);
      Bytes32 r = details.rValue();
      BigInteger agreement = details.agreementId().signum() == 0 ? null : details.agreementId();
      hub.revealR(new RevealRequest(r, signer.address(), agreement));
      Promise latest = hubLatest();
      if (latest != null && latest.hashlock().equals(HashlockSecret.of(r).hashlock())) {
        earnings.store(latest.withR(r), details.agreementId());
        earnings.markRevealed(latest.hashlock());
      }
      return true;
    } catch (InvalidRecoveryDataException
        | HubException
        | IOException
        | IllegalArgumentException e) {
      LOG.warn("R recovery failed: {}", e.getMessage());
      return false;
    }
  }

  private boolean revealStored() {
    Optional<Promise> stored = earnings.latest();
    if (stored.isEmpty()) {
      return false;
    }
    reveal(stored.get().r(), earnings.latestAgreement(), stored.get().hashlock());
    return true;
  }

  private boolean syncStored() {
    Optional<Promise> stored = earnings.latest();
    if (stored.isEmpty()) {
      return false;
    }
    try {
      hub.syncPromise(SyncPromiseRequest.of(stored.get()), signer);
      reveal(stored.get().r(), earnings.latestAgreement(), stored.get().hashlock());
      return true;
    } catch (HubException e) {
      LOG.warn("sync_promise failed: {}", e.getMessage());
      return false;
    }
  }

  private void dropQuietly(Bytes32 hashlock) {
    try {
      earnings.drop(hashlock);
    } catch (IOException e) {
      LOG.warn("cannot drop a refused R: {}", e.getMessage());
    }
  }
}
