package network.hermes.topup;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.chain.ConsumerChannelState;
import network.hermes.contracts.chain.PendingTx;
import network.hermes.contracts.chain.TxRequest;
import network.hermes.contracts.chain.TxResult;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnilateralExit;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.Myst;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;
import network.hermes.settler.chain.Web3jSettlerChain;
import network.hermes.settler.history.SettlementHistory;
import network.hermes.settler.hub.HubClientSettlerHub;
import network.hermes.settler.policy.SettlePolicy;
import network.hermes.settler.settle.Settler;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.settler.store.EarningsStore;

/**
 * A consumer's side of a hub, as a library (the {@code topup} command and the demo use it): the
 * channel (top-up) address, funding it from any wallet, registering (paying gas, or through the
 * hub's relay in MYST), the balance, and getting the money back, through the hub (pay-and-settle)
 * or without it (the channel's time-locked unilateral exit). Every method blocks.
 */
public final class TopUp {
  private static final Duration EXIT_REQUEST_VALIDITY = Duration.ofHours(1);

  private final ChainClient chain;
  private final Deployment deployment;
  private final HubClient hub;
  private final EarningsStore withdrawals;
  private final SettlementHistory history;
  private final SettlePolicy policy;
  private final Secp256k1 secp256k1;
  private final Clock clock;
  private final Consumer<String> progress;
  private final Duration relayTimeout;
  private final SecureRandom random = new SecureRandom();

  /**
   * Creates the library for one deployment.
   *
   * @param chain the chain client of the deployment
   * @param deployment the deployment
   * @param hub the hub, or null when only chain operations are used (funding, the exit)
   * @param withdrawals where withdrawal promises and their R are kept until settled
   * @param history where withdrawal settlements are recorded
   * @param policy the fee limits a withdrawal is checked against
   * @param secp256k1 to sign and verify
   * @param clock the clock of the waits
   * @param progress told one line per step that waits
   * @param relayTimeout how long to wait for a relay job
   */
  public TopUp(
      ChainClient chain,
      Deployment deployment,
      HubClient hub,
      EarningsStore withdrawals,
      SettlementHistory history,
      SettlePolicy policy,
      Secp256k1 secp256k1,
      Clock clock,
      Consumer<String> progress,
      Duration relayTimeout) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.hub = hub;
    this.withdrawals = Objects.requireNonNull(withdrawals, "withdrawals");
    this.history = Objects.requireNonNull(history, "history");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.secp256k1 = Objects.requireNonNull(secp256k1, "secp256k1");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.relayTimeout = Objects.requireNonNull(relayTimeout, "relayTimeout");
  }

  /** A refusal of the library: nothing was sent. */
  public static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why, with the amounts
     */
    public RefusedException(String message) {
      super(message);
    }
  }

  /**
   * The consumer channel (top-up) address of an identity: computed offline (CREATE2), valid before
   * the channel exists.
   *
   * @param identity the consumer identity
   * @return the channel address
   */
  public Address channelAddress(Address identity) {
    return ChannelIds.consumerChannelAddress(
        deployment.registry(), identity, deployment.hermesId(), deployment.channelImplementation());
  }

  /**
   * An EIP-681 URI asking a wallet to send MYST to the identity's channel.
   *
   * @param identity the consumer identity
   * @param amount the amount, or null to let the payer choose
   * @return the URI
   */
  public String paymentUri(Address identity, TokenAmount amount) {
    return PaymentUri.transfer(
        deployment.token(), deployment.chainId(), channelAddress(identity), amount);
  }

  /**
   * A funding transfer.
   *
   * @param txHash the transfer
   * @param channel the channel funded
   * @param channelBalance the channel's MYST balance on chain afterwards
   * @param hub what the hub reports afterwards, or empty when it does not follow the identity yet
   */
  public record Funding(
      Bytes32 txHash, Address channel, TokenAmount channelBalance, Optional<ChannelData> hub) {}

  /**
   * Sends MYST from any wallet to the identity's channel and waits for the confirmations.
   *
   * @param wallet the paying wallet (it pays the gas too; it need not be the identity)
   * @param identity the consumer identity
   * @param amount how much
   * @param confirmations blocks to wait for on top of the transfer's block
   * @param confirmationTimeout the longest wait for them
   * @return the transfer and the balances afterwards
   * @throws RefusedException when the wallet holds less MYST than the amount
   */
  public Funding fund(
      PrivateKey wallet,
      Address identity,
      TokenAmount amount,
      int confirmations,
      Duration confirmationTimeout) {
    return fund(wallet, identity, amount, confirmations, confirmationTimeout, false);
  }

  /**
   * Funds the identity's channel; with {@code mint}, on a test network whose token lets {@code
   * wallet} mint (the devnet's deployer), the amount is minted into the channel instead of
   * transferred.
   *
   * @param wallet the paying (or minting) wallet
   * @param identity the consumer identity
   * @param amount how much
   * @param confirmations blocks to wait for on top of the transfer's block
   * @param confirmationTimeout the longest wait for them
   * @param mint whether to mint instead of transfer (test networks only)
   * @return the transfer and the balances afterwards
   * @throws RefusedException when the wallet holds less MYST than the amount (transfer)
   */
  public Funding fund(
      PrivateKey wallet,
      Address identity,
      TokenAmount amount,
      int confirmations,
      Duration confirmationTimeout,
      boolean mint) {
    Address from = secp256k1.addressOf(wallet);
    TokenAmount held = mint ? amount : chain.tokenBalance(from);
    if (held.compareTo(amount) < 0) {
      throw new RefusedException(
          "insufficient balance: the wallet "
              + from.toChecksumHex()
              + " holds "
              + Myst.format(held)
              + ", less than "
              + Myst.format(amount));
    }
    Address channel = channelAddress(identity);
    TxRequest request =
        mint
            ? new TxRequest.MintToken(channel, amount)
            : new TxRequest.TransferToken(channel, amount);
    PendingTx pending = chain.writer(wallet).send(request);
    progress.accept("sent " + pending.hash() + ", waiting for it to be mined");
    TxResult mined = pending.awaitReceipt(h -> progress.accept("replaced by " + h));
    awaitConfirmations(mined.blockNumber(), confirmations, confirmationTimeout);
    TokenAmount balance = chain.tokenBalance(channel);
    Optional<ChannelData> seen = Optional.empty();
    if (hub != null) {
      seen = awaitHubView(identity, balance, Duration.ofSeconds(30));
    }
    return new Funding(mined.txHash(), channel, balance, seen);
  }

  private void awaitConfirmations(long block, int confirmations, Duration timeout) {
    if (confirmations <= 0) {
      return;
    }
    Instant deadline = clock.instant().plus(timeout);
    long seen = -1;
    while (true) {
      long depth = chain.blockNumber() - block;
      if (depth >= confirmations) {
        return;
      }
      if (depth != seen) {
        progress.accept("confirmations: " + Math.max(0, depth) + " of " + confirmations);
        seen = depth;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new ChainException(
            "the transfer in block "
                + block
                + " has "
                + depth
                + " of "
                + confirmations
                + " confirmations after "
                + timeout.toSeconds()
                + " s");
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  /** The hub's view once it counts the channel balance seen on chain, or empty if it knows none. */
  private Optional<ChannelData> awaitHubView(Address identity, TokenAmount balance, Duration wait) {
    Instant deadline = clock.instant().plus(wait);
    boolean told = false;
    while (true) {
      Optional<ChannelData> d = consumerData(identity);
      if (d.isEmpty()) {
        return d;
      }
      TokenAmount promised =
          d.get().latestPromise() == null ? TokenAmount.ZERO : d.get().latestPromise().amount();
      TokenAmount unsettled =
          promised.compareTo(d.get().settled()) > 0
              ? promised.minus(d.get().settled())
              : TokenAmount.ZERO;
      if (d.get().balance().plus(unsettled).compareTo(balance) >= 0
          || clock.instant().isAfter(deadline)) {
        return d;
      }
      if (!told) {
        progress.accept("waiting for the hub to see the new balance");
        told = true;
      }
      sleep(Duration.ofMillis(500));
    }
  }

  /**
   * The hub's {@code data/consumer} entry of the identity on the deployment's chain.
   *
   * @param identity the consumer
   * @return the entry, or empty when the hub knows nothing of it
   * @throws IllegalStateException when no hub is configured
   */
  public Optional<ChannelData> consumerData(Address identity) {
    try {
      return Optional.ofNullable(requireHub().consumerData(identity).get(deployment.chainId()));
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        return Optional.empty();
      }
      throw HubClientSettlerHub.translate(e);
    }
  }

  /**
   * A registration that happened.
   *
   * @param identity the identity
   * @param route who sent it
   * @param fee what the relay was paid from the channel (zero when sent directly)
   * @param txHash the registration transaction
   * @param channelBalance the channel's balance afterwards
   */
  public record Registration(
      Address identity, Route route, TokenAmount fee, Bytes32 txHash, TokenAmount channelBalance) {}

  /**
   * Registers the identity once its channel holds enough, and waits for the outcome.
   *
   * @param identity the identity (signs the registration, P1)
   * @param route {@link Route#RELAY}: the hub's relay sends it, paid from the channel in MYST, no
   *     native coin needed; {@link Route#DIRECT}: {@code gasWallet} sends it and pays the gas
   * @param stake a provider stake to open with (zero for a consumer)
   * @param beneficiary the payout address, or {@link Address#ZERO} for the channel itself
   * @param gasWallet the wallet for the direct route, else ignored
   * @return the registration
   * @throws RefusedException when the identity is registered already or the channel holds less than
   *     stake plus fee
   */
  public Registration register(
      Signer identity, Route route, TokenAmount stake, Address beneficiary, PrivateKey gasWallet) {
    Address who = identity.address();
    if (chain.isRegistered(who)) {
      throw new RefusedException(who.toChecksumHex() + " is registered already");
    }
    TokenAmount fee = TokenAmount.ZERO;
    if (route == Route.RELAY) {
      try {
        fee = requireHub().relayFee(deployment.chainId(), RelayFeeKind.REGISTER).fee();
      } catch (HubException e) {
        throw HubClientSettlerHub.translate(e);
      }
    }
    Address channel = channelAddress(who);
    TokenAmount balance = chain.tokenBalance(channel);
    TokenAmount needed = stake.plus(fee);
    if (balance.compareTo(needed) < 0) {
      throw new RefusedException(
          "insufficient balance: the channel "
              + channel.toChecksumHex()
              + " holds "
              + Myst.format(balance)
              + "; registering needs "
              + Myst.format(needed)
              + " (stake "
              + Myst.format(stake)
              + " + fee "
              + Myst.format(fee)
              + "): top it up first");
    }
    Signature p1 =
        new IdentityRegistration(
                deployment.chainId(),
                deployment.registry(),
                deployment.hermesId(),
                stake,
                fee,
                beneficiary)
            .sign(identity);
    Bytes32 tx;
    if (route == Route.DIRECT) {
      Objects.requireNonNull(gasWallet, "a direct registration needs a wallet for the gas");
      PendingTx pending =
          chain.writer(gasWallet).send(new TxRequest.RegisterIdentity(stake, fee, beneficiary, p1));
      progress.accept("sent " + pending.hash() + ", waiting for it to be mined");
      tx = pending.awaitReceipt(h -> progress.accept("replaced by " + h)).txHash();
    } else {
      RelayRegistration payload =
          new RelayRegistration(
              deployment.chainId(),
              deployment.registry(),
              deployment.hermesId(),
              stake,
              fee,
              beneficiary,
              p1,
              who);
      RelayJob job = submitAndAwait(payload, "registration");
      tx = Bytes32.fromHex(job.txHash());
    }
    if (!chain.isRegistered(who)) {
      throw new ChainException(
          "transaction " + tx + " was mined but " + who.toChecksumHex() + " is not registered");
    }
    return new Registration(who, route, fee, tx, chain.tokenBalance(channel));
  }

  private RelayJob submitAndAwait(network.hermes.promise.wire.RelayRequest payload, String what) {
    try {
      String id = requireHub().submit(payload);
      progress.accept("queued the " + what + " with the relay as job " + id + "; waiting for it");
      RelayJob job =
          requireHub()
              .awaitRelayJob(
                  id,
                  relayTimeout,
                  Duration.ofSeconds(1),
                  clock,
                  j ->
                      progress.accept(
                          "relay job "
                              + j.id()
                              + ": "
                              + j.state().wireName()
                              + (j.txHash().isEmpty() ? "" : " " + j.txHash())));
      if (job.state() == RelayJob.State.ERROR) {
        throw new RefusedException("the relay failed the " + what + ": " + job.error());
      }
      return job;
    } catch (HubException e) {
      throw HubClientSettlerHub.translate(e);
    } catch (TimeoutException e) {
      throw new RefusedException(e.getMessage() + "; the relay may still send it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the relay", e);
    }
  }

  /**
   * A consumer's balance.
   *
   * @param identity the identity
   * @param channel its channel (top-up) address
   * @param registered whether the Registry has it
   * @param onChain the channel's MYST balance on chain
   * @param settled what the chain settled of its promises
   * @param hub the hub's {@code data/consumer} entry, or empty (unknown identity, or no hub)
   * @param hubError why the hub could not be asked, or null
   * @param spendable what it can still spend (see {@link Spendable}); empty when the hub could not
   *     be asked for the latest promise
   * @param exit the unilateral exit's state
   */
  public record Balance(
      Address identity,
      Address channel,
      boolean registered,
      TokenAmount onChain,
      TokenAmount settled,
      Optional<ChannelData> hub,
      String hubError,
      Optional<TokenAmount> spendable,
      ExitState exit) {}

  /**
   * The identity's balance on chain and at the hub.
   *
   * @param identity the identity
   * @return the balance
   */
  public Balance balance(Address identity) {
    Address channel = channelAddress(identity);
    ConsumerChannelState state = chain.consumerChannel(channel);
    boolean registered = chain.isRegistered(identity);
    ExitState exit = exitState(identity, state);
    Optional<ChannelData> data = Optional.empty();
    String error = null;
    Optional<TokenAmount> spendable;
    if (hub == null) {
      error = "no hub configured";
      spendable = Optional.empty();
    } else {
      try {
        data = consumerData(identity);
        TokenAmount promised =
            data.map(d -> d.latestPromise() == null ? TokenAmount.ZERO : d.latestPromise().amount())
                .orElse(TokenAmount.ZERO);
        spendable =
            Optional.of(
                Spendable.of(
                    state.balance(), promised, state.settled(), registered, exit.pending()));
      } catch (RuntimeException e) {
        error = e.getMessage();
        spendable = Optional.empty();
      }
    }
    return new Balance(
        identity,
        channel,
        registered,
        state.balance(),
        state.settled(),
        data,
        error,
        spendable,
        exit);
  }

  /**
   * Where a channel's unilateral exit stands.
   *
   * @param pending whether an exit was requested and not finalised
   * @param beneficiary who receives the balance when finalised
   * @param timelock when it may be finalised (unix seconds, chain time), 0 when none
   * @param chainTime the latest block's time
   * @param balance what finalising would pay now
   */
  public record ExitState(
      boolean pending, Address beneficiary, long timelock, long chainTime, TokenAmount balance) {
    /**
     * How long until the exit may be finalised.
     *
     * @return zero when it may be finalised now (or none is pending)
     */
    public Duration remaining() {
      return pending && timelock > chainTime
          ? Duration.ofSeconds(timelock - chainTime)
          : Duration.ZERO;
    }
  }

  /**
   * The state of the identity's unilateral exit.
   *
   * @param identity the identity
   * @return the state
   */
  public ExitState exitState(Address identity) {
    return exitState(identity, chain.consumerChannel(channelAddress(identity)));
  }

  private ExitState exitState(Address identity, ConsumerChannelState state) {
    return new ExitState(
        state.exitPending(),
        state.exitBeneficiary(),
        state.exitTimelock(),
        chain.latestBlockTime(),
        state.balance());
  }

  /**
   * Starts the channel's unilateral exit: after the channel's exit delay, {@link #finalizeExit}
   * sends the whole balance to {@code beneficiary}. Needs neither the hub nor its consent; the hub
   * stops accepting the consumer's promises and settles the ones it holds during the delay.
   *
   * @param identity the identity (signs the request, P11)
   * @param beneficiary where the balance goes
   * @param gasWallet the wallet that sends the request and pays its gas
   * @return the exit's state, with its time lock
   * @throws RefusedException when the channel is not deployed or an exit is pending already
   */
  public ExitState requestExit(Signer identity, Address beneficiary, PrivateKey gasWallet) {
    Address channel = channelAddress(identity.address());
    ConsumerChannelState state = chain.consumerChannel(channel);
    if (!state.deployed()) {
      throw new RefusedException(
          "the channel " + channel.toChecksumHex() + " does not exist yet (register first)");
    }
    if (state.exitPending()) {
      throw new RefusedException(
          "an exit is pending already: " + describe(exitState(identity.address(), state)));
    }
    long validUntil = chain.latestBlockTime() + EXIT_REQUEST_VALIDITY.toSeconds();
    Signature p11 =
        new UnilateralExit(
                deployment.chainId(),
                channel,
                beneficiary,
                BigInteger.valueOf(validUntil),
                BigInteger.valueOf(chain.consumerChannelNonce(channel)))
            .sign(identity);
    PendingTx pending =
        chain
            .writer(gasWallet)
            .send(new TxRequest.RequestExit(channel, beneficiary, validUntil, p11));
    progress.accept("sent " + pending.hash() + ", waiting for it to be mined");
    pending.awaitReceipt(h -> progress.accept("replaced by " + h));
    return exitState(identity.address());
  }

  /**
   * A finalised exit.
   *
   * @param txHash the transaction
   * @param beneficiary who received the balance
   * @param paid what it received
   */
  public record Finalized(Bytes32 txHash, Address beneficiary, TokenAmount paid) {}

  /**
   * Finalises the identity's unilateral exit once its time lock has passed: the whole channel
   * balance goes to the exit's beneficiary.
   *
   * @param identity the identity
   * @param gasWallet the wallet that sends it and pays its gas (anyone may)
   * @return what was paid
   * @throws RefusedException when no exit is pending or its time lock has not passed
   */
  public Finalized finalizeExit(Address identity, PrivateKey gasWallet) {
    Address channel = channelAddress(identity);
    ExitState exit = exitState(identity);
    if (!exit.pending()) {
      throw new RefusedException("no exit is pending for the channel " + channel.toChecksumHex());
    }
    if (!exit.remaining().isZero()) {
      throw new RefusedException("the exit cannot be finalised yet: " + describe(exit));
    }
    TokenAmount before = chain.tokenBalance(exit.beneficiary());
    PendingTx pending = chain.writer(gasWallet).send(new TxRequest.FinalizeExit(channel));
    progress.accept("sent " + pending.hash() + ", waiting for it to be mined");
    TxResult mined = pending.awaitReceipt(h -> progress.accept("replaced by " + h));
    return new Finalized(
        mined.txHash(), exit.beneficiary(), chain.tokenBalance(exit.beneficiary()).minus(before));
  }

  /**
   * The exit's state in words.
   *
   * @param exit the state
   * @return e.g. {@code 3d 23h 59m 40s left (at 2026-05-05T10:00:00Z, chain time), then 12 MYST to
   *     0x..}
   */
  public static String describe(ExitState exit) {
    if (!exit.pending()) {
      return "no exit pending";
    }
    Duration left = exit.remaining();
    String when = Instant.ofEpochSecond(exit.timelock()).toString();
    return (left.isZero()
            ? "may be finalised now"
            : duration(left) + " left (at " + when + ", chain time)")
        + ", then "
        + Myst.format(exit.balance())
        + " to "
        + exit.beneficiary().toChecksumHex();
  }

  /** A duration as {@code 3d 23h 59m 40s}. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    StringBuilder out = new StringBuilder();
    if (s >= 86_400) {
      out.append(s / 86_400).append("d ");
    }
    if (s >= 3_600) {
      out.append(s % 86_400 / 3_600).append("h ");
    }
    if (s >= 60) {
      out.append(s % 3_600 / 60).append("m ");
    }
    return out.append(s % 60).append('s').toString();
  }

  /**
   * A withdrawal through the hub.
   *
   * @param resumed whether an earlier withdrawal that the hub had signed was finished instead of a
   *     new one
   * @param settled the settlement, as the chain confirmed it
   */
  public record Withdrawal(boolean resumed, Settler.Settled settled) {}

  /**
   * Withdraws channel funds through the hub (pay-and-settle): a self-payment of {@code amount} to
   * the hub, which promises it back on the identity's withdrawal channel; that promise is then
   * settled on chain to {@code to}, without hub fee. An earlier withdrawal the hub signed but that
   * was not settled is finished first, instead of a new one.
   *
   * @param identityKey the identity's key
   * @param amount how much, or null for everything available
   * @param to where the money goes
   * @param route who sends the settlement
   * @param gasWallet the wallet for the direct route (null for the relay)
   * @return the withdrawal
   * @throws RefusedException when more than available is asked for, or nothing is available
   */
  public Withdrawal withdraw(
      PrivateKey identityKey, TokenAmount amount, Address to, Route route, PrivateKey gasWallet) {
    KeySigner identity = new KeySigner(identityKey, secp256k1);
    Address who = identity.address();
    Settler settler = settler(route == Route.DIRECT ? gasWallet : null);
    Bytes32 withdrawalChannel = ChannelKind.WITHDRAWAL.channelId(who, deployment.hermesId());
    Optional<EarnedPromise> earlier =
        withdrawals.latest(deployment.chainId(), deployment.hermesId(), withdrawalChannel);
    if (earlier.isPresent()
        && earlier
                .get()
                .promise()
                .amount()
                .compareTo(chain.providerChannel(withdrawalChannel).settled())
            > 0) {
      progress.accept(
          "finishing an earlier withdrawal the hub signed (promise of "
              + Myst.format(earlier.get().promise().amount())
              + ")");
      return new Withdrawal(true, settler.settle(request(identity, route, to)));
    }
    ChannelData consumer =
        consumerData(who)
            .orElseThrow(
                () -> new RefusedException("the hub knows no channel of " + who.toChecksumHex()));
    TokenAmount available = consumer.balance();
    TokenAmount wanted = amount == null ? available : amount;
    if (wanted.isZero()) {
      throw new RefusedException("nothing is available to withdraw");
    }
    if (wanted.compareTo(available) > 0) {
      throw new RefusedException(
          "insufficient balance: "
              + Myst.format(wanted)
              + " asked for, "
              + Myst.format(available)
              + " available");
    }
    TokenAmount fee = TokenAmount.ZERO;
    if (route == Route.RELAY) {
      try {
        fee = requireHub().relayFee(deployment.chainId(), RelayFeeKind.SETTLE).fee();
      } catch (HubException e) {
        throw HubClientSettlerHub.translate(e);
      }
    }
    selfPay(identityKey, identity, consumer, wanted, fee, withdrawalChannel);
    return new Withdrawal(false, settler.settle(request(identity, route, to)));
  }

  /**
   * Pays {@code amount} to the identity itself through the hub; the hub's withdrawal promise is
   * stored.
   */
  private Promise selfPay(
      PrivateKey key,
      KeySigner identity,
      ChannelData consumer,
      TokenAmount amount,
      TokenAmount fee,
      Bytes32 withdrawalChannel) {
    Address who = identity.address();
    TokenAmount latest =
        consumer.latestPromise() == null ? TokenAmount.ZERO : consumer.latestPromise().amount();
    TokenAmount base = latest.max(consumer.settled());
    TokenAmount before = previousWithdrawalAmount(who);
    HashlockSecret secret = HashlockSecret.random(random);
    BigInteger agreement = new BigInteger(128, random);
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(),
                channelAddress(who),
                base.plus(amount),
                TokenAmount.ZERO,
                secret.hashlock())
            .sign(identity);
    ExchangeMessage em =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(agreement)
            .agreementTotal(amount)
            .provider(who)
            .hermesId(deployment.hermesId())
            .chainId(deployment.chainId())
            .sign(identity);
    String recovery =
        RRecovery.forKey(key).encrypt(RecoveryDetails.of(secret.r(), agreement), random);
    progress.accept("asking the hub for a withdrawal promise of " + Myst.format(amount));
    Promise answer;
    try {
      answer = requireHub().payAndSettle(new RequestPromiseRequest(em, fee, recovery));
    } catch (HubException e) {
      throw HubClientSettlerHub.translate(e);
    }
    boolean expected =
        answer.chainId().equals(deployment.chainId())
            && answer.channelId().equals(withdrawalChannel)
            && answer.amount().equals(before.plus(amount))
            && answer.hashlock().equals(secret.hashlock())
            && answer.fee().equals(fee)
            && answer.isSignedBy(chain.hermes().operator(), secp256k1);
    if (!expected) {
      throw new RefusedException(
          "the hub's withdrawal promise is not what was asked for (amount "
              + Myst.format(answer.amount())
              + ", expected "
              + Myst.format(before.plus(amount))
              + ") or not signed by its operator");
    }
    // stored before the reveal and the settlement, so that a crash leaves it retryable
    withdrawals.put(
        new EarnedPromise(
            deployment.hermesId(), who, ChannelKind.WITHDRAWAL, answer.withR(secret.r())));
    try {
      requireHub().revealR(new RevealRequest(secret.r(), who, agreement));
    } catch (HubException e) {
      if (e.kind() != HubCause.NO_PREVIOUS_PROMISE) {
        throw HubClientSettlerHub.translate(e);
      }
    }
    return answer;
  }

  private TokenAmount previousWithdrawalAmount(Address who) {
    try {
      Map<ChainId, ChannelData> data = requireHub().withdrawalData(who);
      ChannelData d = data.get(deployment.chainId());
      return d == null || d.latestPromise() == null ? TokenAmount.ZERO : d.latestPromise().amount();
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        return TokenAmount.ZERO;
      }
      throw HubClientSettlerHub.translate(e);
    }
  }

  private static Settler.Request request(Signer identity, Route route, Address to) {
    return new Settler.Request(identity, SettleKind.PAY_AND_SETTLE, route, to, false);
  }

  private Settler settler(PrivateKey gasWallet) {
    return new Settler(
        new Web3jSettlerChain(chain, deployment, gasWallet),
        new HubClientSettlerHub(requireHub(), clock, Duration.ofSeconds(1)),
        withdrawals,
        history,
        policy,
        secp256k1,
        clock,
        progress,
        new Settler.Options(relayTimeout, Duration.ofMinutes(1), Duration.ofMillis(500)));
  }

  private HubClient requireHub() {
    if (hub == null) {
      throw new IllegalStateException("this needs the hub: give its URL");
    }
    return hub;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
