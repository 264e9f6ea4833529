package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * On-chain facts a decision needs, as last read by the chain view (never read on the request path).
 */
public final class ChainFacts {
  private ChainFacts() {}

  /**
   * @param channelBalance MYST balance of the consumer channel
   * @param settled cumulative amount the hub has settled from this channel
   */
  public record Consumer(boolean registered, TokenAmount channelBalance, TokenAmount settled) {
    public static final Consumer UNKNOWN = new Consumer(false, TokenAmount.ZERO, TokenAmount.ZERO);

    public Consumer {
      Objects.requireNonNull(channelBalance);
      Objects.requireNonNull(settled);
    }
  }

  /** A provider channel in the Hermes contract (earnings or withdrawal). */
  public record ProviderChannel(TokenAmount settled, TokenAmount stake) {
    public static final ProviderChannel UNKNOWN =
        new ProviderChannel(TokenAmount.ZERO, TokenAmount.ZERO);

    public ProviderChannel {
      Objects.requireNonNull(settled);
      Objects.requireNonNull(stake);
    }

    public boolean opened() {
      return !settled.isZero() || !stake.isZero();
    }
  }

  /**
   * The Hermes contract.
   *
   * @param status 0 active, 1 paused, 2 punishment, 3 closed
   * @param feeBps active hermes fee in basis points
   */
  public record Hermes(
      int status,
      int feeBps,
      TokenAmount minStake,
      TokenAmount maxStake,
      TokenAmount availableBalance) {
    public static final Hermes UNKNOWN =
        new Hermes(-1, 0, TokenAmount.ZERO, TokenAmount.ZERO, TokenAmount.ZERO);

    public Hermes {
      Objects.requireNonNull(minStake);
      Objects.requireNonNull(maxStake);
      Objects.requireNonNull(availableBalance);
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
