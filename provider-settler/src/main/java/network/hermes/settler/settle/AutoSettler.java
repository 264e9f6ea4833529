package network.hermes.settler.settle;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainException;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Bytes32;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Myst;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.policy.SettlePolicy;

/**
 * Settles a provider's earnings by policy: on each look (after every new hub promise, or on a
 * timer) it skips a channel that is backing off after failures, asks the policy whether the
 * unsettled amount is worth settling now, and if so settles it through the {@link Settler}. A
 * provider node calls {@link #evaluateLater} after storing each new hub promise, and {@link
 * #settleNow} when the hub answers that the provider's balance is exhausted.
 */
public final class AutoSettler implements AutoCloseable {
  private final Settler settler;
  private final SettlementHistory history;
  private final Route route;
  private final Backoff backoff;
  private final Clock clock;
  private final Consumer<Evaluation> listener;
  private final ExecutorService worker;
  private final Set<Bytes32> queued = ConcurrentHashMap.newKeySet();

  /** What a look at a channel found or did. */
  public enum Status {
    /** It was settled now. */
    SETTLED,
    /** The policy says to wait. */
    WAITING,
    /** Earlier settlements failed; the next try is due later. */
    BACKING_OFF,
    /** A settlement would be refused (the reason says why). */
    REFUSED,
    /** A settlement was tried and failed, or the hub or the chain could not be asked. */
    FAILED
  }

  /**
   * The outcome of a look.
   *
   * @param identity the provider
   * @param status what happened
   * @param message why, with amounts
   * @param settled the settlement when {@link Status#SETTLED}
   * @param retryAt when a channel that backs off is due again
   */
  public record Evaluation(
      String identity,
      Status status,
      String message,
      Optional<Settler.Settled> settled,
      Optional<Instant> retryAt) {}

  /**
   * Creates an automatic settler.
   *
   * @param settler the settlement path
   * @param history the settlement history (for the back-off)
   * @param route how settlements are sent
   * @param backoff the waits after failures
   * @param clock the time
   * @param listener told every evaluation made by {@link #evaluateLater} (on its worker thread)
   */
  public AutoSettler(
      Settler settler,
      SettlementHistory history,
      Route route,
      Backoff backoff,
      Clock clock,
      Consumer<Evaluation> listener) {
    this.settler = Objects.requireNonNull(settler, "settler");
    this.history = Objects.requireNonNull(history, "history");
    this.route = Objects.requireNonNull(route, "route");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "auto-settler");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Looks at the identity's earnings channel and settles it if the policy says so.
   *
   * @param identity the provider
   * @return what was found or done
   */
  public Evaluation evaluate(Signer identity) {
    return look(identity, false);
  }

  /**
   * Settles the identity's earnings channel now, whatever the thresholds, unless it is backing off
   * or the settlement would be refused.
   *
   * @param identity the provider
   * @return what was done
   */
  public Evaluation settleNow(Signer identity) {
    return look(identity, true);
  }

  /**
   * Schedules {@link #evaluate} on the settler's own thread; a channel already waiting for a look
   * is not queued twice. The outcome goes to the listener.
   *
   * @param identity the provider
   */
  public void evaluateLater(Signer identity) {
    Bytes32 channel = channelOf(identity);
    if (queued.add(channel)) {
      worker.execute(
          () -> {
            queued.remove(channel);
            listener.accept(evaluate(identity));
          });
    }
  }

  private Evaluation look(Signer identity, boolean force) {
    String who = identity.address().toHex();
    Bytes32 channel = channelOf(identity);
    Optional<Instant> retryAt =
        backoff.retryAt(
            history.ofChannel(settler.chain().chainId(), settler.chain().hermesId(), channel));
    if (retryAt.isPresent() && clock.instant().isBefore(retryAt.get())) {
      return new Evaluation(
          who,
          Status.BACKING_OFF,
          "earlier settlements failed; next try at " + retryAt.get(),
          Optional.empty(),
          retryAt);
    }
    Settler.Request request = new Settler.Request(identity, SettleKind.PLAIN, route, null, true);
    try {
      Settler.Preview preview = settler.preview(request);
      if (preview.refusal().isPresent()
          && preview.refusal().get().reason()
              == network.hermes.settler.policy.Refusal.NOTHING_TO_SETTLE) {
        return new Evaluation(
            who, Status.WAITING, "nothing unsettled", Optional.empty(), Optional.empty());
      }
      if (preview.refusal().isPresent()) {
        return new Evaluation(
            who,
            Status.REFUSED,
            preview.refusal().get().message(),
            Optional.empty(),
            Optional.empty());
      }
      if (!force) {
        SettlePolicy.AutoDecision decision =
            settler
                .policy()
                .autoSettle(
                    preview.plan().promiseAmount(),
                    preview.plan().settled(),
                    preview.plan().stake(),
                    preview.plan().transactorFee());
        if (!decision.settle()) {
          return new Evaluation(
              who, Status.WAITING, decision.reason(), Optional.empty(), Optional.empty());
        }
      }
      Settler.Settled settled = settler.settle(request);
      return new Evaluation(
          who,
          Status.SETTLED,
          "settled "
              + Myst.format(settled.plan().toSettle())
              + ", "
              + Myst.format(settled.event().amountSentToBeneficiary())
              + " paid out in transaction "
              + settled.record().txHash(),
          Optional.of(settled),
          Optional.empty());
    } catch (SettlementRefusedException e) {
      return new Evaluation(
          who, Status.REFUSED, e.getMessage(), Optional.empty(), Optional.empty());
    } catch (SettlementFailedException | HubCallException | ChainException e) {
      Optional<Instant> next =
          backoff.retryAt(
              history.ofChannel(settler.chain().chainId(), settler.chain().hermesId(), channel));
      return new Evaluation(who, Status.FAILED, e.getMessage(), Optional.empty(), next);
    }
  }

  private Bytes32 channelOf(Signer identity) {
    return ChannelKind.EARNINGS.channelId(identity.address(), settler.chain().hermesId());
  }

  /** Stops the worker thread, letting a settlement in flight finish (up to 30 seconds). */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
