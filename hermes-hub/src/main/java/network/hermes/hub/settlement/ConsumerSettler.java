package network.hermes.hub.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.ChainWriter;
import network.hermes.contracts.chain.ChannelSettlement;
import network.hermes.contracts.chain.PendingTx;
import network.hermes.contracts.chain.TxRequest;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.hub.chain.ChainView;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles consumers' latest settleable promises into the hub contract through the batch entry point
 * ({@code settleChannelPromises}): when a consumer's unsettled amount reaches the threshold, its
 * oldest unsettled promise the maximum age, when it asked to exit, or when the hub needs funds.
 * Results come from the receipt's events (a settled channel emits its PromiseSettled, a failed one
 * the hub's ChannelSettlementFailed); whatever did not settle backs off and is tried again later.
 */
public final class ConsumerSettler {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerSettler.class);

  /** Called with the outcome of every batch (metrics). */
  public interface Listener {
    void batch(int settled, int failed, TokenAmount collected, boolean transactionFailed);
  }

  private final SettlementStore store;
  private final ChainView requestView;
  private final ChainWriter operator;
  private final ChainId chainId;
  private final SettlementRules rules;
  private final Clock clock;
  private final Listener listener;

  /**
   * @param requestView the view the hub's requests are judged on; it catches up before an exiting
   *     consumer is settled, so that no promise is issued on a balance already settled for good
   */
  public ConsumerSettler(
      SettlementStore store,
      ChainView requestView,
      ChainWriter operator,
      ChainId chainId,
      SettlementRules rules,
      Clock clock,
      Listener listener) {
    this.store = store;
    this.requestView = requestView;
    this.operator = operator;
    this.chainId = chainId;
    this.rules = rules;
    this.clock = clock;
    this.listener = listener;
  }

  /** One round: select, send one batch, record what happened. */
  public void round() throws Exception {
    boolean collectAll = store.collectionNeeded().await();
    Instant now = clock.instant();
    List<Candidate> batch = rules.select(store.candidates(10_000, now).await(), now, collectAll);
    if (batch.isEmpty()) {
      return;
    }
    if (batch.stream().anyMatch(Candidate::exiting)) {
      requestView.catchUp().await();
    }
    List<Long> ids = store.recordSending(batch).await();
    List<ChannelSettlement> settlements = new ArrayList<>();
    for (Candidate c : batch) {
      settlements.add(settlement(c));
    }
    TxResult result;
    try {
      // the hash is recorded before the receipt is awaited: a restart finds what was sent
      PendingTx sent = operator.send(new TxRequest.SettleConsumerPromises(settlements));
      markSent(ids, sent.hash());
      result = sent.awaitReceipt(replacement -> markSent(ids, replacement));
    } catch (ChainException e) {
      String reason = e.revertReason() != null ? e.revertReason() : e.getMessage();
      int attempts = batch.stream().mapToInt(Candidate::attempts).max().orElse(0) + 1;
      Instant retry = rules.nextAttempt(attempts, clock.instant());
      LOG.warn(
          "settling {} consumer promises failed ({}); every one is kept and retried after {}",
          batch.size(),
          reason,
          retry);
      store.recordFailure(batch, ids, truncate(reason), retry).await();
      listener.batch(0, batch.size(), TokenAmount.ZERO, true);
      return;
    }
    record(batch, ids, result);
  }

  private void markSent(List<Long> ids, Bytes32 txHash) {
    try {
      store.markSent(ids, txHash.toHex()).await();
    } catch (Exception e) {
      LOG.warn("could not record the settlement transaction {}: {}", txHash, e.toString());
    }
  }

  private void record(List<Candidate> batch, List<Long> ids, TxResult result) throws Exception {
    Map<String, TokenAmount> settledTotals = new HashMap<>();
    Map<String, TokenAmount> moved = new HashMap<>();
    Map<String, String> failures = new HashMap<>();
    for (ChainEvent e : result.events()) {
      if (e instanceof ChainEvent.ConsumerPromiseSettled s) {
        settledTotals.put(s.channel().toHex(), s.totalSettled());
        moved.merge(s.channel().toHex(), s.amount(), TokenAmount::plus);
      } else if (e instanceof ChainEvent.ChannelSettlementFailed f) {
        failures.put(f.channel().toHex(), f.reason());
      }
    }
    Instant now = clock.instant();
    List<SettlementStore.Outcome> outcomes = new ArrayList<>();
    List<TokenAmount> totals = new ArrayList<>();
    List<Instant> retries = new ArrayList<>();
    int settled = 0;
    TokenAmount collected = TokenAmount.ZERO;
    for (int i = 0; i < batch.size(); i++) {
      Candidate c = batch.get(i);
      TokenAmount total = settledTotals.get(c.channel());
      if (total != null) {
        outcomes.add(new SettlementStore.Outcome(c, ids.get(i), true, null));
        totals.add(total);
        retries.add(null);
        settled++;
        collected = collected.plus(moved.get(c.channel()));
      } else {
        String reason = failures.getOrDefault(c.channel(), "no event for this channel");
        outcomes.add(new SettlementStore.Outcome(c, ids.get(i), false, truncate(reason)));
        totals.add(null);
        retries.add(rules.nextAttempt(c.attempts() + 1, now));
        LOG.warn(
            "settling the promise of consumer {} failed in {} ({}); kept for a retry",
            c.consumer(),
            result.txHash(),
            reason);
      }
    }
    store
        .recordOutcomes(outcomes, totals, retries, result.txHash().toHex(), result.blockNumber())
        .await();
    LOG.info(
        "settled {} of {} consumer promises in {} (block {}), {} wei collected",
        settled,
        batch.size(),
        result.txHash(),
        result.blockNumber(),
        collected);
    listener.batch(settled, batch.size() - settled, collected, false);
  }

  private ChannelSettlement settlement(Candidate c) {
    Address channel = Address.fromHex(c.channel());
    Promise promise =
        new Promise(
            chainId,
            Bytes32.leftPad(channel.toBytes()),
            c.amount(),
            c.fee(),
            Bytes32.fromHex(c.hashlock()),
            Bytes32.fromHex(c.r()),
            // the contracts take v 27/28 only; consumers may have signed with 0/1
            Signature.fromHex(c.signature()).withV27());
    return new ChannelSettlement(channel, promise, Bytes32.fromHex(c.r()));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
