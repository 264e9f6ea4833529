package network.hermes.hub.watcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import network.hermes.contracts.chain.ChainReads;
import network.hermes.contracts.chain.ConsumerChannelState;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.chain.events.LogPosition;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain watcher: follows confirmed blocks and keeps in PostgreSQL the facts the decision core
 * needs. Events only say WHAT changed; the facts written are the absolute state read from the
 * contracts at the confirmed block, so reading a block range twice (after a restart or a
 * reorganisation) can never count anything twice.
 *
 * <p>Each round: head = latest − confirmations. If the hash of the cursor block changed, a
 * reorganisation happened: walk back through the recorded hashes to the fork point (or, past the
 * recorded window, to the last block taken as final), re-read every entity read after it, and scan
 * again from there. Then read the events of (cursor, head], re-read the state of everything they
 * touched at head, and write facts, hub state, cursor and head hash in one transaction.
 */
public final class ChainWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ChainWatcher.class);
  private static final int BATCH = 500;

  /**
   * @param confirmations blocks a block must have on top of it before the watcher applies it
   * @param reorgDepth how many blocks of hashes behind the cursor are kept for walking back
   * @param maxRange most blocks read in one log query
   * @param lowBalance available balance under which the watcher warns, in wei
   */
  public record Settings(int confirmations, int reorgDepth, int maxRange, TokenAmount lowBalance) {
    public Settings {
      if (confirmations < 0 || reorgDepth < 1 || maxRange < 1) {
        throw new IllegalArgumentException("bad watcher settings");
      }
      Objects.requireNonNull(lowBalance);
    }
  }

  /** What the watcher has done, for tests, metrics and the operator. */
  public record Status(
      long block, long resumedFrom, long firstScanFrom, long reorgs, long lastReorgForkPoint) {}

  /** Called after each committed round (metrics, the settler's wake-up). */
  public interface Listener {
    /**
     * @param hermes the hub contract as read in this round, or null when no block came
     * @param exits consumers that asked to exit in the blocks applied (the settler should act)
     */
    void committed(long block, HermesState hermes, int exits);

    void reorganised(long forkPoint, long depth);

    void punished(long activationTime);
  }

  private final BlockSource chain;
  private final WatcherStore store;
  private final Deployment deployment;
  private final Settings settings;
  private final Listener listener;
  private final String hermesHex;

  private WatcherStore.Cursor cursor;
  private long resumedFrom = -1;
  private long firstScanFrom = -1;
  private final AtomicLong reorgs = new AtomicLong();
  private long lastFork = -1;
  private final Set<String> pendingConsumers = new LinkedHashSet<>();
  private final Set<String> pendingChannels = new LinkedHashSet<>();
  private Long pendingRollback;
  private boolean lowWarned;
  private boolean hermesRead;

  public ChainWatcher(
      BlockSource chain,
      WatcherStore store,
      Deployment deployment,
      Settings settings,
      Listener listener) {
    this.chain = chain;
    this.store = store;
    this.deployment = deployment;
    this.settings = settings;
    this.listener = listener;
    this.hermesHex = deployment.hermesId().toHex();
  }

  /**
   * On taking the lease: reload the cursor (another instance may have moved it) and queue what the
   * hub knows but nobody follows yet.
   */
  public synchronized void resume() throws Exception {
    cursor = store.cursor().await().orElse(null);
    resumedFrom = cursor == null ? -1 : cursor.block();
    firstScanFrom = -1;
    pendingRollback = null;
    hermesRead = false;
    pendingConsumers.addAll(store.unfollowedConsumers(100_000).await());
    pendingChannels.addAll(store.unfollowedChannels(100_000).await());
    LOG.info(
        "chain watcher {} (confirmations {}, {} identities and {} channels to read first)",
        cursor == null
            ? "starting at the deployment block " + deployment.deploymentBlock()
            : "resuming after block " + cursor.block(),
        settings.confirmations(),
        pendingConsumers.size(),
        pendingChannels.size());
  }

  public synchronized Status status() {
    return new Status(
        cursor == null ? -1 : cursor.block(), resumedFrom, firstScanFrom, reorgs.get(), lastFork);
  }

  /** One round; loops over log ranges until the confirmed head is reached. */
  public synchronized void round() throws Exception {
    long head = chain.latestBlock() - settings.confirmations();
    if (head < 0) {
      return;
    }
    checkReorganisation();
    do {
      long from = cursor == null ? deployment.deploymentBlock() : cursor.block() + 1;
      long to = Math.min(head, from + settings.maxRange() - 1);
      if (to < from) {
        // nothing new is confirmed: still follow new identities and refresh derived figures
        to = cursor == null ? head : cursor.block();
        from = to + 1;
      } else if (firstScanFrom < 0) {
        firstScanFrom = from;
      }
      step(from, to, head);
    } while ((cursor.block() < head || !pendingConsumers.isEmpty() || !pendingChannels.isEmpty())
        && !Thread.currentThread().isInterrupted());
  }

  private void checkReorganisation() throws Exception {
    if (cursor == null) {
      return;
    }
    Optional<Bytes32> now = chain.blockHash(cursor.block());
    if (now.isPresent() && now.get().equals(cursor.hash())) {
      return;
    }
    NavigableMap<Long, Bytes32> recorded = store.recordedHashes().await();
    OptionalLong fork = ForkFinder.forkPoint(recorded, chain::blockHash);
    long forkPoint = fork.orElse(deployment.deploymentBlock() - 1);
    long depth = cursor.block() - forkPoint;
    LOG.warn(
        "chain reorganisation: block {} changed; rescanning from block {} ({} blocks){}",
        cursor.block(),
        forkPoint + 1,
        depth,
        fork.isPresent() ? "" : " (deeper than the recorded window: from the deployment)");
    reorgs.incrementAndGet();
    lastFork = forkPoint;
    // every entity read after the fork point may carry state of the abandoned blocks: read again
    pendingConsumers.addAll(store.consumersReadAfter(forkPoint).await());
    pendingChannels.addAll(store.channelsReadAfter(forkPoint).await());
    pendingRollback = forkPoint;
    cursor =
        fork.isPresent()
            ? new WatcherStore.Cursor(forkPoint, recorded.get(forkPoint))
            : (forkPoint < 0 ? null : new WatcherStore.Cursor(forkPoint, Bytes32.ZERO));
    listener.reorganised(forkPoint, depth);
  }

  /**
   * Applies the events of blocks {@code from..to}, reading state at {@code head} (the newest
   * confirmed block: state read there is absolute and at least as new as the events; an older
   * block's state may be pruned on the node).
   */
  private void step(long from, long to, long head) throws Exception {
    Bytes32 hash =
        chain
            .blockHash(to)
            .orElseThrow(() -> new IllegalStateException("block " + to + " vanished"));
    Bytes32 headHash =
        to == head
            ? hash
            : chain
                .blockHash(head)
                .orElseThrow(() -> new IllegalStateException("block " + head + " vanished"));
    List<ChainEvent> events = from <= to ? chain.events(from, to) : List.of();

    // identities and channels queued by a resume or a reorganisation, a bounded share per step
    Set<String> consumers = new LinkedHashSet<>(first(pendingConsumers, BATCH));
    Set<String> channels = new LinkedHashSet<>(first(pendingChannels, BATCH));
    List<String> requests = store.watchRequests(BATCH).await();
    consumers.addAll(requests);
    Long punishedAt = null;
    List<WatcherStore.Reveal> reveals = new ArrayList<>();
    List<ChainEvent.ProviderPromiseSettled> settled = new ArrayList<>();
    Set<String> channelAddresses = new LinkedHashSet<>();
    Set<String> identities = new LinkedHashSet<>();
    Map<String, Long> consumerSettledIn = new HashMap<>();
    Map<String, Long> providerSettledIn = new HashMap<>();
    int exits = 0;
    for (ChainEvent e : events) {
      switch (e) {
        case ChainEvent.TokenTransferred t -> {
          channelAddresses.add(t.to().toHex());
          channelAddresses.add(t.from().toHex());
        }
        case ChainEvent.ConsumerChannelCreated c -> {
          if (c.hermesId().equals(deployment.hermesId())) {
            consumers.add(c.identity().toHex());
          }
        }
        case ChainEvent.IdentityRegistered r -> identities.add(r.identity().toHex());
        case ChainEvent.BeneficiaryChanged b -> identities.add(b.identity().toHex());
        case ChainEvent.ConsumerPromiseSettled s -> {
          channelAddresses.add(s.channel().toHex());
          consumerSettledIn.merge(s.channel().toHex(), s.position().blockNumber(), Math::max);
        }
        case ChainEvent.ConsumerWithdrawn w -> channelAddresses.add(w.channel().toHex());
        case ChainEvent.ConsumerExitRequested x -> {
          channelAddresses.add(x.channel().toHex());
          exits++;
        }
        case ChainEvent.ProviderPromiseSettled p -> {
          if (p.position().emitter().equals(deployment.hermesId())) {
            channels.add(p.channelId().toHex());
            providerSettledIn.merge(p.channelId().toHex(), p.position().blockNumber(), Math::max);
            settled.add(p);
            reveals.add(
                new WatcherStore.Reveal(
                    p.channelId().toHex(),
                    HashlockSecret.of(p.lock()).hashlock().toHex(),
                    p.lock().toHex()));
          }
        }
        case ChainEvent.StakeChanged s -> {
          if (s.position().emitter().equals(deployment.hermesId())) {
            channels.add(s.channelId().toHex());
          }
        }
        case ChainEvent.HermesPunishmentActivated p -> {
          if (p.position().emitter().equals(deployment.hermesId())) {
            punishedAt = p.activationTime();
            LOG.error(
                "the Hermes contract entered PUNISHMENT at block {} (activation time {}): top it"
                    + " up and call resolveEmergency",
                p.position().blockNumber(),
                p.activationTime());
            listener.punished(p.activationTime());
          }
        }
        case ChainEvent.ChannelSettlementFailed f -> {
          // the settler reads its own receipts; nothing to follow here
        }
        case ChainEvent.HermesStateChanged h -> {
          // the hub state is read every round
        }
      }
    }
    channelAddresses.remove(hermesHex);
    channelAddresses.remove(Address.ZERO.toHex());
    Map<String, String> owners = store.identitiesOfChannels(channelAddresses).await();
    consumers.addAll(owners.values());
    identities.removeAll(consumers);
    consumers.addAll(store.followed(identities).await());

    ChainReads at = chain.at(head);
    List<WatcherStore.ConsumerRow> consumerRows = new ArrayList<>();
    Map<Long, Instant> blockTimes = new HashMap<>();
    for (String identity : consumers) {
      consumerRows.add(readConsumer(at, identity, consumerSettledIn, blockTimes));
    }
    List<WatcherStore.ChannelRow> channelRows = new ArrayList<>();
    for (String channelId : channels) {
      ProviderChannelState s = at.providerChannel(Bytes32.fromHex(channelId));
      channelRows.add(
          new WatcherStore.ChannelRow(
              channelId,
              s.settled(),
              s.stake(),
              settlement(providerSettledIn.get(channelId), blockTimes)));
    }
    List<WatcherStore.SettlementEvent> settlements = new ArrayList<>();
    for (ChainEvent.ProviderPromiseSettled p : settled) {
      LogPosition log = p.position();
      settlements.add(
          new WatcherStore.SettlementEvent(
              log.txHash().toHex(),
              log.logIndex(),
              settlement(log.blockNumber(), blockTimes),
              p.channelId().toHex(),
              p.identity().toHex(),
              p.beneficiary().toHex(),
              p.amountSentToBeneficiary(),
              p.fees()));
    }
    // the hub contract changes only with blocks: read it when blocks came, or once per holding
    HermesState hermes = from <= to || !hermesRead ? at.hermes() : null;
    // a reorganisation during the reads would mix two chains: then this round does not count
    if (!chain.blockHash(head).map(headHash::equals).orElse(false)) {
      throw new IllegalStateException("block " + head + " changed while it was read");
    }
    long pruneBelow =
        ForkFinder.pruneBelow(store.recordedHashes().await(), to, settings.reorgDepth());
    store
        .commit(
            new WatcherStore.RoundWrite(
                to,
                hash,
                head,
                consumerRows,
                channelRows,
                hermes,
                punishedAt,
                requests,
                reveals,
                settlements,
                pendingRollback,
                pruneBelow))
        .await();
    cursor = new WatcherStore.Cursor(to, hash);
    pendingConsumers.removeAll(consumers);
    pendingChannels.removeAll(channels);
    pendingRollback = null;
    if (hermes != null) {
      hermesRead = true;
      warnOnLowBalance(hermes);
    }
    listener.committed(to, hermes, exits);
  }

  private static List<String> first(Set<String> set, int n) {
    return set.stream().limit(n).toList();
  }

  /** The settlement a round saw in {@code block}, with the block's time; null for none. */
  private WatcherStore.Settlement settlement(Long block, Map<Long, Instant> blockTimes) {
    if (block == null) {
      return null;
    }
    Instant time =
        blockTimes.computeIfAbsent(block, b -> Instant.ofEpochSecond(chain.blockTime(b)));
    return new WatcherStore.Settlement(time, block);
  }

  private WatcherStore.ConsumerRow readConsumer(
      ChainReads at, String identity, Map<String, Long> settledIn, Map<Long, Instant> blockTimes) {
    Address id = Address.fromHex(identity);
    Address channel =
        ChannelIds.consumerChannelAddress(
            deployment.registry(), id, deployment.hermesId(), deployment.channelImplementation());
    ConsumerChannelState state = at.consumerChannel(channel);
    Address beneficiary = at.beneficiary(id);
    return new WatcherStore.ConsumerRow(
        identity,
        channel.toHex(),
        at.isRegistered(id),
        beneficiary.equals(Address.ZERO) ? null : beneficiary.toHex(),
        state.deployed(),
        state.balance(),
        state.settled(),
        state.exitTimelock(),
        settlement(settledIn.get(channel.toHex()), blockTimes));
  }

  private void warnOnLowBalance(HermesState hermes) {
    boolean low = hermes.availableBalance().compareTo(settings.lowBalance()) < 0;
    if (low && !lowWarned) {
      LOG.warn(
          "the Hermes contract's available balance is low: {} wei (warning under {} wei);"
              + " providers' settlements depend on it",
          hermes.availableBalance(),
          settings.lowBalance());
    } else if (!low && lowWarned) {
      LOG.info(
          "the Hermes contract's available balance is back at {} wei", hermes.availableBalance());
    }
    lowWarned = low;
  }
}
