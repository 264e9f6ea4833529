package network.hermes.node.provider;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.node.store.Earnings;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the provider's latest hub promise through the hub's relay: {@code change_promise_fee} to
 * the relay's current settle quote, then {@code settle_and_rebalance}, waiting for the job. The
 * node's settlement until provider-settler's auto-settler is wired in: it settles when the
 * unsettled amount reaches a threshold, or at once when the hub says the balance is exhausted.
 */
public final class RelaySettler implements SettlementTrigger {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySettler.class);

  /** What one settlement did. */
  public record Settled(Promise promise, TokenAmount settledBefore, String txHash) {}

  private final HubClient hub;
  private final Address provider;
  private final Address hermesId;
  private final Earnings earnings;
  private final TokenAmount threshold;
  private final Clock clock;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("relay-settler").factory());
  private final AtomicBoolean queued = new AtomicBoolean();

  /**
   * Creates the settler.
   *
   * @param threshold the unsettled amount (latest promise minus what the chain settled) that
   *     triggers a settlement
   */
  public RelaySettler(
      HubClient hub,
      Address provider,
      Address hermesId,
      Earnings earnings,
      TokenAmount threshold,
      Clock clock) {
    this.hub = hub;
    this.provider = provider;
    this.hermesId = hermesId;
    this.earnings = earnings;
    this.threshold = threshold;
    this.clock = clock;
  }

  @Override
  public void earned() {
    later(false);
  }

  @Override
  public void exhausted() {
    later(true);
  }

  private void later(boolean now) {
    if (queued.compareAndSet(false, true)) {
      worker.execute(
          () -> {
            queued.set(false);
            try {
              Optional<Settled> done = settleIfDue(now);
              done.ifPresent(
                  s ->
                      LOG.info(
                          "settled {} wei in {}",
                          s.promise().amount().minus(s.settledBefore()),
                          s.txHash()));
            } catch (HubException | IOException | TimeoutException | RuntimeException e) {
              LOG.warn("settlement failed: {}", e.getMessage());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }

  /**
   * Settles when due (or always with {@code force}, if anything is unsettled).
   *
   * @return what was settled, empty when nothing was due
   */
  public Optional<Settled> settleIfDue(boolean force)
      throws HubException, IOException, TimeoutException, InterruptedException {
    Optional<Promise> latest = earnings.latest();
    if (latest.isEmpty() || !earnings.revealed()) {
      return Optional.empty();
    }
    Promise promise = latest.get();
    ChannelData channel = hub.providerData(provider).get(promise.chainId());
    TokenAmount settled = channel == null ? TokenAmount.ZERO : channel.settled();
    if (promise.amount().compareTo(settled) <= 0) {
      return Optional.empty();
    }
    TokenAmount unsettled = promise.amount().minus(settled);
    if (!force && unsettled.compareTo(threshold) < 0) {
      return Optional.empty();
    }
    RelayFeeQuote quote = hub.relayFee(promise.chainId(), RelayFeeKind.SETTLE);
    Promise withFee =
        hub.changePromiseFee(new ChangePromiseFeeRequest(promise.withR(null), quote.fee()));
    String id =
        hub.submit(
            RelaySettlement.of(
                RelaySettlement.Kind.SETTLE_AND_REBALANCE,
                hermesId,
                provider,
                withFee,
                promise.r()));
    RelayJob job =
        hub.awaitRelayJob(id, Duration.ofMinutes(5), Duration.ofMillis(500), clock, j -> {});
    if (job.state() != RelayJob.State.DONE) {
      throw new IOException("relay job " + id + " ended in " + job.state() + ": " + job.error());
    }
    return Optional.of(new Settled(withFee, settled, job.txHash()));
  }

  /** Stops the worker. */
  public void close() {
    worker.shutdownNow();
  }
}
