package network.hermes.settler.settle;

import static network.hermes.settler.TestPromises.CHAIN;
import static network.hermes.settler.TestPromises.HERMES;
import static network.hermes.settler.TestPromises.OPERATOR;
import static network.hermes.settler.TestPromises.REGISTRY;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.HermesStatus;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.events.ChainEvent.ProviderPromiseSettled;
import network.hermes.contracts.chain.events.LogPosition;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.SettleKind;
import network.hermes.settler.policy.SettlementPlan;

/**
 * In-memory stand-ins for the chain and the hub, for unit tests of the settlement path's order of
 * steps and its bookkeeping. They settle with the plan's arithmetic; the contract's own behaviour
 * is covered by the integration tests on a devnet.
 */
final class FakeWorld {
  final Chain chain = new Chain();
  final Hub hub = new Hub();

  static Address address(int n) {
    return Address.fromHex(String.format("0x%040x", n));
  }

  final class Chain implements SettlerChain {
    HermesState hermes =
        new HermesState(
            HERMES,
            OPERATOR.address(),
            HermesStatus.ACTIVE,
            2000,
            TokenAmount.ZERO,
            TokenAmount.of(BigInteger.TEN.pow(21)),
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            TokenAmount.of(BigInteger.TEN.pow(21)),
            TokenAmount.of(BigInteger.TEN.pow(21)));
    final Map<Bytes32, ProviderChannelState> channels = new HashMap<>();
    final Map<Address, Address> beneficiaries = new HashMap<>();
    final Map<String, Lookup> transactions = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    BigInteger beneficiaryNonce = BigInteger.valueOf(3);
    ChainException failSend;
    boolean failAfterBroadcast;
    int txCounter;

    @Override
    public ChainId chainId() {
      return CHAIN;
    }

    @Override
    public Address hermesId() {
      return HERMES;
    }

    @Override
    public Address registry() {
      return REGISTRY;
    }

    @Override
    public HermesState hermes() {
      return hermes;
    }

    @Override
    public ProviderChannelState channel(Bytes32 channelId) {
      return channels.getOrDefault(
          channelId, new ProviderChannelState(channelId, TokenAmount.ZERO, TokenAmount.ZERO, 0));
    }

    @Override
    public Address beneficiary(Address identity) {
      return beneficiaries.getOrDefault(identity, Address.ZERO);
    }

    @Override
    public Address consumerChannel(Address identity) {
      return address(0xc0ffee);
    }

    @Override
    public BigInteger nextBeneficiaryNonce(Address identity) {
      return beneficiaryNonce;
    }

    @Override
    public Mined send(
        SettleKind kind,
        Address identity,
        Promise promise,
        Address beneficiary,
        Signature beneficiarySignature,
        Consumer<String> onBroadcast) {
      calls.add("send " + kind + " fee " + promise.fee());
      if (failSend != null) {
        throw failSend;
      }
      String tx = "0x" + String.format("%064x", ++txCounter);
      onBroadcast.accept(tx);
      if (failAfterBroadcast) {
        transactions.put(tx, new Lookup(Lookup.State.PENDING, null, null));
        throw new ChainException("no receipt in time");
      }
      ProviderPromiseSettled event = apply(kind, identity, promise, beneficiary, tx);
      return new Mined(tx, event);
    }

    /** Settles like the contract would (with the plan's arithmetic) and records the event. */
    ProviderPromiseSettled apply(
        SettleKind kind, Address identity, Promise promise, Address beneficiary, String tx) {
      ProviderChannelState c = channel(promise.channelId());
      SettlementPlan plan = SettlementPlan.of(kind, promise.amount(), promise.fee(), c, hermes);
      channels.put(
          promise.channelId(),
          new ProviderChannelState(
              promise.channelId(),
              c.settled().plus(plan.toSettle()),
              c.stake(),
              c.lastUsedNonce()));
      Address payee =
          switch (kind) {
            case PLAIN -> beneficiary(identity);
            case INTO_STAKE -> HERMES;
            default -> beneficiary;
          };
      ProviderPromiseSettled event =
          new ProviderPromiseSettled(
              new LogPosition(1, Bytes32.ZERO, Bytes32.fromHex(tx), 0, HERMES),
              identity,
              promise.channelId(),
              payee,
              plan.net(),
              plan.fees(),
              promise.r());
      transactions.put(tx, new Lookup(Lookup.State.SETTLED, event, null));
      return event;
    }

    @Override
    public Lookup lookup(String txHash, Bytes32 channelId, Bytes32 lock) {
      calls.add("lookup " + txHash);
      return transactions.getOrDefault(txHash, new Lookup(Lookup.State.UNKNOWN, null, null));
    }
  }

  final class Hub implements SettlerHub {
    TokenAmount quote = TokenAmount.of(100);
    boolean unreachable;
    final Map<Bytes32, Promise> latest = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<RelaySettlement> submitted = new ArrayList<>();
    final List<RevealRequest> reveals = new ArrayList<>();
    final List<RefreshPromiseRequest> refreshes = new ArrayList<>();
    RelayJob.State jobOutcome = RelayJob.State.DONE;
    String jobError = "";
    HubCallException submitRefusal;

    private void reach(String call) {
      calls.add(call);
      if (unreachable) {
        throw HubCallException.unreachable("connection refused", null);
      }
    }

    @Override
    public RelayFeeQuote settleFee(ChainId chainId) {
      reach("settleFee");
      return new RelayFeeQuote(quote, Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Override
    public Promise changePromiseFee(Promise given, TokenAmount newFee) {
      reach("changePromiseFee " + newFee);
      Promise mine = latest.get(given.channelId());
      if (mine == null
          || !mine.amount().equals(given.amount())
          || !mine.hashlock().equals(given.hashlock())) {
        throw HubCallException.refused(NOT_LATEST, "another latest promise", null);
      }
      Promise resigned = resign(mine, mine.amount(), newFee, mine.hashlock());
      latest.put(given.channelId(), resigned);
      return resigned;
    }

    @Override
    public String submitSettlement(RelaySettlement settlement) {
      reach("submit " + settlement.kind() + " fee " + settlement.fee());
      if (submitRefusal != null) {
        HubCallException e = submitRefusal;
        submitRefusal = null;
        throw e;
      }
      submitted.add(settlement);
      return Integer.toString(submitted.size());
    }

    @Override
    public RelayJob awaitJob(String jobId, Duration timeout, Consumer<RelayJob> progress) {
      reach("awaitJob " + jobId);
      RelaySettlement s = submitted.get(Integer.parseInt(jobId) - 1);
      progress.accept(new RelayJob(jobId, "", RelayJob.State.QUEUED, ""));
      if (jobOutcome == RelayJob.State.ERROR) {
        return new RelayJob(jobId, "", RelayJob.State.ERROR, jobError);
      }
      if (jobOutcome != RelayJob.State.DONE) {
        return new RelayJob(jobId, "", jobOutcome, "");
      }
      String tx = "0x" + String.format("%064x", 1000 + Integer.parseInt(jobId));
      if (!chain.transactions.containsKey(tx)) {
        Promise p =
            new Promise(
                s.chainId(),
                s.channelId(),
                s.amount(),
                s.fee(),
                network.hermes.promise.message.HashlockSecret.of(s.r()).hashlock(),
                s.r(),
                s.signature());
        SettleKind kind =
            switch (s.kind()) {
              case SETTLE_AND_REBALANCE -> SettleKind.PLAIN;
              case SETTLE_WITH_BENEFICIARY -> SettleKind.WITH_BENEFICIARY;
              case SETTLE_INTO_STAKE -> SettleKind.INTO_STAKE;
              case PAY_AND_SETTLE -> SettleKind.PAY_AND_SETTLE;
            };
        chain.apply(kind, s.identity(), p, s.beneficiary(), tx);
      }
      RelayJob done = new RelayJob(jobId, tx, RelayJob.State.DONE, "");
      progress.accept(done);
      return done;
    }

    @Override
    public Optional<Promise> latestPromise(Address identity, ChainId chainId, ChannelKind kind) {
      reach("latestPromise " + kind);
      return Optional.ofNullable(latest.get(kind.channelId(identity, HERMES)));
    }

    @Override
    public void syncPromise(Signer identity, Promise promise) {
      reach("syncPromise " + promise.amount());
      latest.put(promise.channelId(), promise);
    }

    @Override
    public Promise refreshPromise(Signer identity, RefreshPromiseRequest request) {
      reach("refreshPromise");
      refreshes.add(request);
      Bytes32 channel = ChannelKind.EARNINGS.channelId(request.identity(), HERMES);
      Promise mine = latest.get(channel);
      Promise refreshed = resign(mine, mine.amount(), mine.fee(), request.hashlock());
      latest.put(channel, refreshed);
      return refreshed;
    }

    @Override
    public void revealR(RevealRequest request) {
      reach("revealR");
      reveals.add(request);
    }

    Promise resign(Promise p, TokenAmount amount, TokenAmount fee, Bytes32 hashlock) {
      return UnsignedPromise.forProviderChannel(p.chainId(), p.channelId(), amount, fee, hashlock)
          .sign(OPERATOR);
    }
  }
}
