package network.hermes.hub.core;

import java.time.Instant;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * On-chain facts a decision needs, as last read by the chain view (never read on the request path).
 */
public final class ChainFacts {
  private ChainFacts() {}

  /**
   * @param channelBalance MYST balance of the consumer channel
   * @param settled cumulative amount the hub has settled from this channel
   * @param exitTimelock when the consumer's pending unilateral exit may be finalised (unix
   *     seconds), 0 when none is pending
   * @param beneficiary the identity's payout address in the Registry, or null when not read
   * @param latestSettlement when the channel was last settled on chain, or null when never (as far
   *     as the hub followed it)
   */
  public record Consumer(
      boolean registered,
      TokenAmount channelBalance,
      TokenAmount settled,
      long exitTimelock,
      Address beneficiary,
      Instant latestSettlement) {
    public static final Consumer UNKNOWN = new Consumer(false, TokenAmount.ZERO, TokenAmount.ZERO);

    public Consumer {
      Objects.requireNonNull(channelBalance);
      Objects.requireNonNull(settled);
      if (exitTimelock < 0) {
        throw new IllegalArgumentException("exitTimelock must not be negative");
      }
    }

    /** A consumer whose beneficiary and settlement times are not known. */
    public Consumer(
        boolean registered, TokenAmount channelBalance, TokenAmount settled, long exitTimelock) {
      this(registered, channelBalance, settled, exitTimelock, null, null);
    }

    /** A consumer with no exit pending. */
    public Consumer(boolean registered, TokenAmount channelBalance, TokenAmount settled) {
      this(registered, channelBalance, settled, 0);
    }

    /** The consumer asked to leave its channel: it takes the whole balance after the delay. */
    public boolean exiting() {
      return exitTimelock != 0;
    }
  }

  /**
   * A provider channel in the Hermes contract (earnings or withdrawal).
   *
   * @param latestSettlement when it was last settled on chain, or null when never
   */
  public record ProviderChannel(TokenAmount settled, TokenAmount stake, Instant latestSettlement) {
    public static final ProviderChannel UNKNOWN =
        new ProviderChannel(TokenAmount.ZERO, TokenAmount.ZERO);

    public ProviderChannel {
      Objects.requireNonNull(settled);
      Objects.requireNonNull(stake);
    }

    public ProviderChannel(TokenAmount settled, TokenAmount stake) {
      this(settled, stake, null);
    }

    public boolean opened() {
      return !settled.isZero() || !stake.isZero();
    }
  }

  /**
   * The Hermes contract, and what the hub derives from it and its own books for the solvency guard.
   *
   * @param status 0 active, 1 paused, 2 punishment, 3 closed
   * @param feeBps active hermes fee in basis points
   * @param availableBalance what the contract can pay providers from (balance minus locked stakes)
   * @param collectible consumer money the hub can move into the contract now: for every consumer,
   *     its latest promise whose R the hub knows, minus what the channel already settled, capped by
   *     the channel balance
   * @param providerSettled what the chain has settled on the provider channels the hub issued
   *     promises on (each channel counted up to the hub's latest promise)
   * @param largestStake the largest provider stake: a settlement of that channel needs at least
   *     this much available, or the contract enters punishment
   */
  public record Hermes(
      int status,
      int feeBps,
      TokenAmount minStake,
      TokenAmount maxStake,
      TokenAmount availableBalance,
      TokenAmount collectible,
      TokenAmount providerSettled,
      TokenAmount largestStake) {
    public static final Hermes UNKNOWN =
        new Hermes(-1, 0, TokenAmount.ZERO, TokenAmount.ZERO, TokenAmount.ZERO);

    public Hermes {
      Objects.requireNonNull(minStake);
      Objects.requireNonNull(maxStake);
      Objects.requireNonNull(availableBalance);
      Objects.requireNonNull(collectible);
      Objects.requireNonNull(providerSettled);
      Objects.requireNonNull(largestStake);
    }

    /** The contract alone, nothing derived (seeded facts, tests). */
    public Hermes(
        int status,
        int feeBps,
        TokenAmount minStake,
        TokenAmount maxStake,
        TokenAmount availableBalance) {
      this(
          status,
          feeBps,
          minStake,
          maxStake,
          availableBalance,
          TokenAmount.ZERO,
          TokenAmount.ZERO,
          TokenAmount.ZERO);
    }

    public boolean known() {
      return status >= 0;
    }
  }

  /**
   * The facts for one request.
   *
   * @param provider the output channel (earnings, or withdrawal for pay_and_settle)
   * @param earnings the identity's earnings channel; for pay_and_settle it tells whether the
   *     withdrawing identity is a provider
   * @param asOf when the oldest of these facts was read from the chain
   */
  public record View(
      Consumer consumer,
      ProviderChannel provider,
      ProviderChannel earnings,
      Hermes hermes,
      java.time.Instant asOf) {
    public View {
      Objects.requireNonNull(consumer);
      Objects.requireNonNull(provider);
      Objects.requireNonNull(earnings);
      Objects.requireNonNull(hermes);
      Objects.requireNonNull(asOf);
    }
  }
}
