package network.hermes.chaintests.support;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;

/**
 * A provider doing with the hub what a provider node does: a fresh R per invoice, the consumer's
 * exchange message forwarded with R encrypted for itself, the hub's promise checked (operator's
 * signature, amount, hashlock) and kept with its R, then R revealed; hub calls one at a time, as
 * the hub requires. Settles its latest promise through the hub's relay.
 */
public final class ProviderNode {
  /** How long a node keeps retrying a call whose outcome it does not know. */
  public static final Duration PATIENCE = Duration.ofSeconds(180);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey key;
  private final KeySigner signer;
  private final Address beneficiary;
  private final Deployment deployment;
  private final Bytes32 channelId;
  private final List<Ack> acks = new ArrayList<>();
  private Promise latest;
  private ExchangeMessage lastExchange;
  private TokenAmount settledThroughRelay = TokenAmount.ZERO;

  public ProviderNode(PrivateKey key, Address beneficiary, Deployment deployment) {
    this.key = key;
    this.signer = new KeySigner(key, Secp256k1s.getDefault());
    this.beneficiary = beneficiary;
    this.deployment = deployment;
    this.channelId = ChannelIds.providerChannelId(signer.address(), deployment.hermesId());
  }

  /** A session's agreement: a random 256-bit id and what the consumer paid in it so far. */
  public static final class Agreement {
    final BigInteger id = new BigInteger(256, RANDOM);
    final ConsumerNode consumer;
    final ProviderNode provider;
    TokenAmount total = TokenAmount.ZERO;

    Agreement(ConsumerNode consumer, ProviderNode provider) {
      this.consumer = consumer;
      this.provider = provider;
    }

    public BigInteger id() {
      return id;
    }

    public synchronized TokenAmount total() {
      return total;
    }
  }

  public Address identity() {
    return signer.address();
  }

  public Address beneficiary() {
    return beneficiary;
  }

  public Bytes32 channelId() {
    return channelId;
  }

  public PrivateKey key() {
    return key;
  }

  public KeySigner signer() {
    return signer;
  }

  /** A new session with a consumer. */
  public Agreement agree(ConsumerNode consumer) {
    return new Agreement(consumer, this);
  }

  /** The latest hub promise, with its R. */
  public synchronized Promise latest() {
    return latest;
  }

  /** The consumer's exchange message behind the latest promise (it carries their promise). */
  public synchronized ExchangeMessage lastExchange() {
    return lastExchange;
  }

  /** Every hub promise received. */
  public synchronized List<Ack> acks() {
    return List.copyOf(acks);
  }

  /** The amount settled through the relay so far. */
  public synchronized TokenAmount settledThroughRelay() {
    return settledThroughRelay;
  }

  /** An invoice for {@code delta} more in the agreement, locked with a fresh R. */
  public Invoice invoice(Agreement agreement, TokenAmount delta, Bytes32 r) {
    return new Invoice(
        agreement.id,
        agreement.total().plus(delta),
        TokenAmount.ZERO,
        Keccak.hash(r.toBytes()),
        identity(),
        deployment.chainId());
  }

  /** The request a provider node sends for a consumer's exchange message locked with {@code r}. */
  public RequestPromiseRequest request(ExchangeMessage message, Bytes32 r) {
    return new RequestPromiseRequest(
        message,
        TokenAmount.ZERO,
        RRecovery.forKey(key).encrypt(RecoveryDetails.of(r, message.agreementId()), RANDOM));
  }

  /**
   * One paid invoice: invoice, the consumer's exchange message, request_promise (retried while the
   * outcome is unknown), the promise checked and kept, R revealed.
   *
   * @return the hub's promise, with R
   * @throws HubException the hub's definite refusal (nothing changed anywhere)
   */
  public Promise earn(HubClient hub, Agreement agreement, TokenAmount delta) throws HubException {
    return earn(hub, agreement, delta, true);
  }

  /**
   * As {@link #earn(HubClient, Agreement, TokenAmount)}, optionally keeping R from the hub (as a
   * provider that settles on chain first does, or one that crashed before revealing).
   */
  public Promise earn(HubClient hub, Agreement agreement, TokenAmount delta, boolean reveal)
      throws HubException {
    ConsumerNode consumer = agreement.consumer;
    synchronized (consumer) {
      synchronized (this) {
        Bytes32 r = Bytes32.random(RANDOM);
        ExchangeMessage message = consumer.pay(invoice(agreement, delta, r));
        RequestPromiseRequest request = request(message, r);
        Promise promise =
            HubCalls.retrying("request_promise", PATIENCE, () -> hub.requestPromise(request));
        check(promise, r, delta);
        consumer.accepted(message);
        synchronized (agreement) {
          agreement.total = message.agreementTotal();
        }
        latest = promise.withR(r);
        lastExchange = message;
        acks.add(
            new Ack(
                identity(),
                channelId,
                promise.hashlock(),
                promise.amount(),
                consumer.identity(),
                message.promise().amount()));
        if (reveal) {
          reveal(hub, r, agreement.id);
        }
        return latest;
      }
    }
  }

  private void check(Promise promise, Bytes32 r, TokenAmount delta) {
    TokenAmount before = latest == null ? TokenAmount.ZERO : latest.amount();
    if (!promise.isSignedBy(deployment.hermesOperator(), Secp256k1s.getDefault())
        || !promise.channelId().equals(channelId)
        || !promise.hashlock().equals(Keccak.hash(r.toBytes()))
        || !promise.amount().equals(before.plus(delta))) {
      throw new AssertionError(
          "the hub's promise does not pay what was asked: "
              + promise
              + " (latest before "
              + before
              + ", delta "
              + delta
              + ")");
    }
  }

  /** Reveals the R of the latest promise (after {@code earn(..., false)}). */
  public synchronized void revealLatest(HubClient hub, Agreement agreement) throws HubException {
    reveal(hub, latest.r(), agreement.id);
  }

  private void reveal(HubClient hub, Bytes32 r, BigInteger agreementId) throws HubException {
    try {
      HubCalls.retrying(
          "reveal_r",
          PATIENCE,
          () -> {
            hub.revealR(new RevealRequest(r, identity(), agreementId));
            return null;
          });
    } catch (HubException e) {
      // an earlier attempt that lost its answer already revealed it: done
      if (e.kind() != HubCause.NO_PREVIOUS_PROMISE) {
        throw e;
      }
    }
  }

  /**
   * Settles the latest promise through the hub's relay, as the settle tool does: the settle fee
   * quoted, the promise re-signed with it, submitted, waited for.
   *
   * @return the finished job and the promise it settled
   */
  public synchronized Settled settleThroughRelay(HubClient hub) throws HubException {
    Objects.requireNonNull(latest, "nothing to settle");
    Bytes32 r = latest.r();
    TokenAmount fee = hub.relayFee(deployment.chainId(), RelayFeeKind.SETTLE).fee();
    Promise withFee =
        HubCalls.retrying(
            "change_promise_fee",
            PATIENCE,
            () -> hub.changePromiseFee(new ChangePromiseFeeRequest(latest, fee)));
    if (!withFee.isSignedBy(deployment.hermesOperator(), Secp256k1s.getDefault())
        || !withFee.amount().equals(latest.amount())
        || !withFee.fee().equals(fee)) {
      throw new AssertionError("the hub re-signed another promise: " + withFee);
    }
    latest = withFee.withR(r);
    Promise settling = latest;
    String id =
        HubCalls.retrying(
            "relay settle",
            PATIENCE,
            () ->
                hub.submit(
                    RelaySettlement.of(
                        RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                        deployment.hermesId(),
                        identity(),
                        settling,
                        r)));
    RelayJob job;
    try {
      job = hub.awaitRelayJob(id, PATIENCE, Duration.ofMillis(200), Clock.systemUTC(), j -> {});
    } catch (TimeoutException e) {
      throw new AssertionError("relay job " + id + " not finished in " + PATIENCE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for relay job " + id, e);
    }
    if (job.state() == RelayJob.State.DONE) {
      settledThroughRelay = settling.amount();
    }
    return new Settled(job, settling);
  }

  /**
   * A relay settlement's outcome.
   *
   * @param job the finished job
   * @param promise the promise it settled (with the relay's fee in it)
   */
  public record Settled(RelayJob job, Promise promise) {}

  @Override
  public String toString() {
    return "provider " + identity().toHex();
  }
}
