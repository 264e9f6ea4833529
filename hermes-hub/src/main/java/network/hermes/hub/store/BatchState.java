package network.hermes.hub.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.hermes.hub.core.ConsumerState;
import network.hermes.hub.core.IssuedPromise;
import network.hermes.hub.core.ProviderState;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The rows of one transaction, loaded under lock. Operations of a batch read and write these maps
 * in order, so a later operation sees the effects of an earlier one; the store writes what changed.
 */
public final class BatchState {
  final Map<Keys.Consumer, ConsumerState> consumers = new HashMap<>();
  final Map<Keys.ChannelRef, ProviderState> channels = new HashMap<>();
  final Map<Keys.Agreement, TokenAmount> agreements = new HashMap<>();
  final Map<Keys.Issued, IssuedPromise> issued = new HashMap<>();
  final Map<ChainId, TokenAmount> promised = new HashMap<>();

  // rows that existed when locked: a written row not among them is inserted, and fails the
  // transaction if another one created it meanwhile
  final java.util.Set<Keys.Consumer> storedConsumers = new java.util.HashSet<>();
  final java.util.Set<Keys.ChannelRef> storedChannels = new java.util.HashSet<>();
  final Map<Keys.Consumer, ConsumerState> dirtyConsumers = new LinkedHashMap<>();
  final Map<Keys.ChannelRef, ProviderState> dirtyChannels = new LinkedHashMap<>();
  final Map<Keys.Agreement, TokenAmount> dirtyAgreements = new LinkedHashMap<>();
  final List<IssuedPromise> newIssued = new ArrayList<>();
  final List<Revealed> newRevealed = new ArrayList<>();
  final Map<ChainId, java.math.BigInteger> promisedIncrease =
      new java.util.TreeMap<>(java.util.Comparator.comparingLong(ChainId::value));

  record Revealed(ChainId chainId, Bytes32 hashlock, Bytes32 r, Bytes32 channelId) {}

  public ConsumerState consumer(ChainId chainId, Address consumer) {
    ConsumerState s = consumers.get(new Keys.Consumer(chainId, consumer));
    return s != null ? s : ConsumerState.empty(chainId, consumer);
  }

  public ProviderState channel(Keys.Channel key) {
    ProviderState s = channels.get(key.ref());
    return s != null
        ? s
        : ProviderState.empty(key.chainId(), key.channelId(), key.provider(), key.kind());
  }

  public ProviderState channelOrNull(ChainId chainId, Bytes32 channelId) {
    return channels.get(new Keys.ChannelRef(chainId, channelId));
  }

  public TokenAmount agreementTotal(Keys.Agreement key) {
    return agreements.getOrDefault(key, TokenAmount.ZERO);
  }

  public IssuedPromise issued(Keys.Issued key) {
    return issued.get(key);
  }

  public void putConsumer(ConsumerState s) {
    Keys.Consumer k = new Keys.Consumer(s.chainId(), s.consumer());
    consumers.put(k, s);
    dirtyConsumers.put(k, s);
  }

  public void putChannel(ProviderState s) {
    Keys.ChannelRef k = new Keys.ChannelRef(s.chainId(), s.channelId());
    channels.put(k, s);
    dirtyChannels.put(k, s);
  }

  public void putAgreement(Keys.Agreement k, TokenAmount total) {
    agreements.put(k, total);
    dirtyAgreements.put(k, total);
  }

  public void addIssued(IssuedPromise p) {
    issued.put(
        new Keys.Issued(
            p.hubPromise().chainId(), p.hubPromise().channelId(), p.hubPromise().hashlock()),
        p);
    newIssued.add(p);
  }

  /** The chain's promised total as locked, plus what earlier operations of the batch added. */
  public TokenAmount promisedTotal(ChainId chainId) {
    TokenAmount base = promised.get(chainId);
    java.math.BigInteger added = promisedIncrease.get(chainId);
    if (base == null || added == null) {
      return base;
    }
    return base.plus(TokenAmount.of(added));
  }

  /** Records that hub promises on the chain grew by {@code increase} (written with the batch). */
  public void addPromised(ChainId chainId, java.math.BigInteger increase) {
    if (increase.signum() > 0) {
      promisedIncrease.merge(chainId, increase, java.math.BigInteger::add);
    }
  }

  public void addRevealed(ChainId chainId, Bytes32 hashlock, Bytes32 r, Bytes32 channelId) {
    newRevealed.add(new Revealed(chainId, hashlock, r, channelId));
  }

  boolean hasWrites() {
    return !dirtyConsumers.isEmpty()
        || !dirtyChannels.isEmpty()
        || !dirtyAgreements.isEmpty()
        || !newIssued.isEmpty()
        || !newRevealed.isEmpty()
        || !promisedIncrease.isEmpty();
  }
}
