package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * On-chain facts a decision needs, as last read by the chain view (never read on the request path).
 */
public final class ChainFacts {
  private ChainFacts() {}

  /**
   * @param channelBalance MYST balance of the consumer channel
   * @param settled cumulative amount the hub has settled from this channel
   */
  public record Consumer(boolean registered, BigInteger channelBalance, BigInteger settled) {
    public static final Consumer UNKNOWN = new Consumer(false, BigInteger.ZERO, BigInteger.ZERO);

    public Consumer {
      Amounts.requireNonNegative(channelBalance, "channelBalance");
      Amounts.requireNonNegative(settled, "settled");
    }
  }

  /** A provider channel in the Hermes contract (earnings or withdrawal). */
  public record ProviderChannel(BigInteger settled, BigInteger stake) {
    public static final ProviderChannel UNKNOWN =
        new ProviderChannel(BigInteger.ZERO, BigInteger.ZERO);

    public ProviderChannel {
      Amounts.requireNonNegative(settled, "settled");
      Amounts.requireNonNegative(stake, "stake");
    }

    public boolean opened() {
      return settled.signum() > 0 || stake.signum() > 0;
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
      BigInteger minStake,
      BigInteger maxStake,
      BigInteger availableBalance) {
    public static final Hermes UNKNOWN =
        new Hermes(-1, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    public Hermes {
      Amounts.requireNonNegative(minStake, "minStake");
      Amounts.requireNonNegative(maxStake, "maxStake");
      Amounts.requireNonNegative(availableBalance, "availableBalance");
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
