package network.hermes.chaintests.reconcile;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainReads;
import network.hermes.contracts.chain.ConsumerChannelState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.contracts.chain.events.ChainEvent.ConsumerChannelCreated;
import network.hermes.contracts.chain.events.ChainEvent.ConsumerPromiseSettled;
import network.hermes.contracts.chain.events.ChainEvent.ConsumerWithdrawn;
import network.hermes.contracts.chain.events.ChainEvent.IdentityRegistered;
import network.hermes.contracts.chain.events.ChainEvent.ProviderPromiseSettled;
import network.hermes.contracts.chain.events.ChainEvent.TokenTransferred;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * Reads a deployment's chain side of the reconciliation: its event history from the deployment's
 * first block, the identities in it, and the state of the checked channels, the hub contract and
 * the token at one block. The only class of the reconciliation that talks to the chain.
 */
public final class ChainLedgerReader {
  /** Blocks per log query. */
  static final long RANGE = 5_000;

  private final ChainClient chain;
  private final Deployment deployment;
  private final JsonRpc rpc;

  /**
   * @param chain the chain port of the deployment
   * @param rpcUrl the same chain's JSON-RPC URL, for the token reads the port has not
   * @param deployment the deployment
   */
  public ChainLedgerReader(ChainClient chain, String rpcUrl, Deployment deployment) {
    this.chain = chain;
    this.deployment = deployment;
    this.rpc = new JsonRpc(rpcUrl, Duration.ofSeconds(20));
  }

  /**
   * The events of the deployment's contracts and channels from its first block up to a block.
   *
   * @param events in chain order
   * @param toBlock the last block read
   */
  public record History(List<ChainEvent> events, long toBlock) {
    public History {
      events = List.copyOf(events);
    }
  }

  /** The latest block number. */
  public long head() {
    return chain.blockNumber();
  }

  /** The history up to {@code toBlock}, read in ranges. */
  public History history(long toBlock) {
    List<ChainEvent> events = new ArrayList<>();
    for (long from = deployment.deploymentBlock(); from <= toBlock; from += RANGE) {
      events.addAll(chain.events(from, Math.min(toBlock, from + RANGE - 1)));
    }
    return new History(events, toBlock);
  }

  /**
   * Every identity the history names: registered identities, owners of this hub's consumer channels
   * and providers that settled at this hub contract. Providers that never registered nor settled
   * are not on the chain; name them.
   */
  public Set<Address> identities(History history) {
    Set<Address> found = new LinkedHashSet<>();
    for (ChainEvent e : history.events()) {
      switch (e) {
        case IdentityRegistered r -> found.add(r.identity());
        case ConsumerChannelCreated c when c.hermesId().equals(deployment.hermesId()) ->
            found.add(c.identity());
        case ProviderPromiseSettled s when isHub(s.position().emitter()) -> found.add(s.identity());
        default -> {}
      }
    }
    return found;
  }

  /**
   * The ledger of {@code identities} (each as consumer and as provider, both channels) at the
   * history's last block.
   */
  public ChainLedger read(History history, Collection<Address> identities) {
    long to = history.toBlock();
    long before = deployment.deploymentBlock() - 1;
    ChainReads at = chain.at(to);
    Address hub = deployment.hermesId();
    Index index = new Index(history.events(), hub);

    List<ChainLedger.Consumer> consumers = new ArrayList<>();
    List<ChainLedger.ProviderChannel> providers = new ArrayList<>();
    Map<Address, String> holders = new LinkedHashMap<>();
    holders.put(hub, "hub contract");
    for (Address identity : new LinkedHashSet<>(identities)) {
      Address channel =
          ChannelIds.consumerChannelAddress(
              deployment.registry(), identity, hub, deployment.channelImplementation());
      consumers.add(consumer(identity, channel, at.consumerChannel(channel), index));
      holders.putIfAbsent(channel, "consumer channel");
      providers.add(
          provider(
              identity,
              ChainLedger.Kind.EARNINGS,
              ChannelIds.providerChannelId(identity, hub),
              at,
              index,
              holders));
      providers.add(
          provider(
              identity,
              ChainLedger.Kind.WITHDRAWAL,
              ChannelIds.withdrawalChannelId(identity, hub),
              at,
              index,
              holders));
    }

    ChainLedger.HubContract hubContract =
        new ChainLedger.HubContract(
            balanceBefore(hub, before),
            at.tokenBalance(hub),
            at.hermes().availableBalance(),
            index.received(hub),
            index.sent(hub),
            index.consumerSettlementsIn,
            index.providerPayoutsOut,
            index.transactorFees,
            index.otherFlows);

    List<ChainLedger.Holder> holderLedgers = new ArrayList<>();
    holders.forEach(
        (address, role) ->
            holderLedgers.add(
                new ChainLedger.Holder(
                    address,
                    role,
                    balanceBefore(address, before),
                    at.tokenBalance(address),
                    index.received(address),
                    index.sent(address))));
    ChainLedger.Token token =
        new ChainLedger.Token(
            before < 0
                ? TokenAmount.ZERO
                : rpc.totalSupply(deployment.token(), before)
                    .map(TokenAmount::of)
                    .orElse(TokenAmount.ZERO),
            TokenAmount.of(
                rpc.totalSupply(deployment.token(), to)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "the deployment's token has no code at block " + to))),
            index.minted,
            index.burned,
            holderLedgers);
    return new ChainLedger(
        deployment.chainId(),
        hub,
        deployment.deploymentBlock(),
        to,
        consumers,
        providers,
        hubContract,
        token);
  }

  private boolean isHub(Address address) {
    return address.equals(deployment.hermesId());
  }

  private TokenAmount balanceBefore(Address holder, long before) {
    if (before < 0) {
      return TokenAmount.ZERO;
    }
    return rpc.balanceOf(deployment.token(), holder, before)
        .map(TokenAmount::of)
        .orElse(TokenAmount.ZERO);
  }

  private static ChainLedger.Consumer consumer(
      Address identity, Address channel, ConsumerChannelState state, Index index) {
    TokenAmount settledByEvents = TokenAmount.ZERO;
    Set<Bytes32> settlementTxs = new HashSet<>();
    for (ConsumerPromiseSettled s : index.consumerSettlements.getOrDefault(channel, List.of())) {
      settledByEvents = settledByEvents.plus(s.amount());
      settlementTxs.add(s.position().txHash());
    }
    TokenAmount moved = TokenAmount.ZERO;
    TokenAmount toHub = TokenAmount.ZERO;
    for (Bytes32 tx : settlementTxs) {
      for (TokenTransferred t : index.transfersOf(tx)) {
        if (t.from().equals(channel)) {
          moved = moved.plus(t.value());
          if (t.to().equals(index.hub)) {
            toHub = toHub.plus(t.value());
          }
        }
      }
    }
    TokenAmount withdrawn = TokenAmount.ZERO;
    for (ConsumerWithdrawn w : index.withdrawals.getOrDefault(channel, List.of())) {
      withdrawn = withdrawn.plus(w.amount());
    }
    return new ChainLedger.Consumer(
        identity,
        channel,
        state.balance(),
        state.settled(),
        settledByEvents,
        moved,
        toHub,
        withdrawn,
        state.exitPending());
  }

  private static ChainLedger.ProviderChannel provider(
      Address identity,
      ChainLedger.Kind kind,
      Bytes32 channelId,
      ChainReads at,
      Index index,
      Map<Address, String> holders) {
    ProviderChannelState state = at.providerChannel(channelId);
    List<ProviderPromiseSettled> settled =
        index.providerSettlements.getOrDefault(channelId, List.of());
    TokenAmount byEvents = TokenAmount.ZERO;
    TokenAmount payouts = TokenAmount.ZERO;
    TokenAmount staked = TokenAmount.ZERO;
    TokenAmount fees = TokenAmount.ZERO;
    TokenAmount transferred = TokenAmount.ZERO;
    for (ProviderPromiseSettled s : settled) {
      byEvents = byEvents.plus(s.amountSentToBeneficiary()).plus(s.fees());
      fees = fees.plus(s.fees());
      if (s.beneficiary().equals(index.hub)) {
        staked = staked.plus(s.amountSentToBeneficiary());
      } else {
        payouts = payouts.plus(s.amountSentToBeneficiary());
        holders.putIfAbsent(s.beneficiary(), "beneficiary");
        transferred = transferred.plus(index.payoutTransfer(s));
      }
    }
    return new ChainLedger.ProviderChannel(
        identity,
        kind,
        channelId,
        state.settled(),
        state.stake(),
        settled.size(),
        byEvents,
        payouts,
        staked,
        fees,
        transferred);
  }

  /** The history sorted for the reads: by channel, by transaction, and the hub's flows. */
  private static final class Index {
    final Address hub;
    final Map<Address, List<ConsumerPromiseSettled>> consumerSettlements = new HashMap<>();
    final Map<Address, List<ConsumerWithdrawn>> withdrawals = new HashMap<>();
    final Map<Bytes32, List<ProviderPromiseSettled>> providerSettlements = new HashMap<>();
    final Map<Bytes32, List<TokenTransferred>> transfersByTx = new LinkedHashMap<>();
    final Map<Address, TokenAmount> received = new HashMap<>();
    final Map<Address, TokenAmount> sent = new HashMap<>();
    final Map<ProviderPromiseSettled, TokenAmount> payoutTransfers = new HashMap<>();
    TokenAmount minted = TokenAmount.ZERO;
    TokenAmount burned = TokenAmount.ZERO;
    TokenAmount consumerSettlementsIn = TokenAmount.ZERO;
    TokenAmount providerPayoutsOut = TokenAmount.ZERO;
    TokenAmount transactorFees = TokenAmount.ZERO;
    final List<ChainLedger.Flow> otherFlows = new ArrayList<>();

    Index(List<ChainEvent> events, Address hub) {
      this.hub = hub;
      Map<Bytes32, Set<Address>> settlingChannelsByTx = new HashMap<>();
      Map<Bytes32, List<ProviderPromiseSettled>> providerSettlementsByTx = new HashMap<>();
      for (ChainEvent e : events) {
        switch (e) {
          case TokenTransferred t -> {
            transfersByTx.computeIfAbsent(t.position().txHash(), k -> new ArrayList<>()).add(t);
            received.merge(t.to(), t.value(), TokenAmount::plus);
            sent.merge(t.from(), t.value(), TokenAmount::plus);
            if (t.from().equals(Address.ZERO)) {
              minted = minted.plus(t.value());
            }
            if (t.to().equals(Address.ZERO)) {
              burned = burned.plus(t.value());
            }
          }
          case ConsumerPromiseSettled s -> {
            consumerSettlements.computeIfAbsent(s.channel(), k -> new ArrayList<>()).add(s);
            settlingChannelsByTx
                .computeIfAbsent(s.position().txHash(), k -> new HashSet<>())
                .add(s.channel());
          }
          case ConsumerWithdrawn w ->
              withdrawals.computeIfAbsent(w.channel(), k -> new ArrayList<>()).add(w);
          case ProviderPromiseSettled s when s.position().emitter().equals(hub) -> {
            providerSettlements.computeIfAbsent(s.channelId(), k -> new ArrayList<>()).add(s);
            providerSettlementsByTx
                .computeIfAbsent(s.position().txHash(), k -> new ArrayList<>())
                .add(s);
          }
          default -> {}
        }
      }
      transfersByTx.forEach(
          (tx, transfers) -> {
            Set<Address> settling = settlingChannelsByTx.getOrDefault(tx, Set.of());
            List<ProviderPromiseSettled> payouts = providerSettlementsByTx.get(tx);
            Set<TokenTransferred> payoutTransfersOfTx = new HashSet<>();
            if (payouts != null) {
              for (ProviderPromiseSettled s : payouts) {
                TokenTransferred t = matchPayout(s, transfers, payoutTransfersOfTx);
                payoutTransfers.put(s, t == null ? TokenAmount.ZERO : t.value());
              }
            }
            for (TokenTransferred t : transfers) {
              if (t.to().equals(hub) && !t.from().equals(hub)) {
                if (settling.contains(t.from())) {
                  consumerSettlementsIn = consumerSettlementsIn.plus(t.value());
                } else {
                  otherFlows.add(flow(t, t.from(), t.value().toBigInteger()));
                }
              } else if (t.from().equals(hub) && !t.to().equals(hub)) {
                if (payouts != null) {
                  providerPayoutsOut = providerPayoutsOut.plus(t.value());
                  if (!payoutTransfersOfTx.contains(t)) {
                    transactorFees = transactorFees.plus(t.value());
                  }
                } else {
                  otherFlows.add(flow(t, t.to(), t.value().toBigInteger().negate()));
                }
              }
            }
          });
    }

    /** The payout transfer of a settlement: hub to its beneficiary, of its payout, before it. */
    private TokenTransferred matchPayout(
        ProviderPromiseSettled s, List<TokenTransferred> transfers, Set<TokenTransferred> taken) {
      if (s.beneficiary().equals(hub) || s.amountSentToBeneficiary().isZero()) {
        return null;
      }
      TokenTransferred match = null;
      for (TokenTransferred t : transfers) {
        if (t.position().logIndex() < s.position().logIndex()
            && t.from().equals(hub)
            && t.to().equals(s.beneficiary())
            && t.value().equals(s.amountSentToBeneficiary())
            && !taken.contains(t)) {
          match = t; // the last one before the event: the contract pays, then emits
        }
      }
      if (match != null) {
        taken.add(match);
      }
      return match;
    }

    private static ChainLedger.Flow flow(TokenTransferred t, Address counterparty, BigInteger v) {
      return new ChainLedger.Flow(
          t.position().txHash(), t.position().blockNumber(), counterparty, v);
    }

    List<TokenTransferred> transfersOf(Bytes32 tx) {
      return transfersByTx.getOrDefault(tx, List.of());
    }

    TokenAmount received(Address holder) {
      return received.getOrDefault(holder, TokenAmount.ZERO);
    }

    TokenAmount sent(Address holder) {
      return sent.getOrDefault(holder, TokenAmount.ZERO);
    }

    TokenAmount payoutTransfer(ProviderPromiseSettled s) {
      return payoutTransfers.getOrDefault(s, TokenAmount.ZERO);
    }
  }
}
