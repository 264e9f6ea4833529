package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * The solvency guard's arithmetic: whether the Hermes contract could pay every provider what the
 * hub owes it, including a new promise, without falling into punishment.
 *
 * <p>owed = promised − providerSettled (every hub promise amount ever issued, minus what the chain
 * settled on those channels). The contract pays providers from its available balance; the hub can
 * add the collectible consumer money (revealed promises, within channel balances) by settling
 * first; and a staked provider's settlement needs at least its stake available, or the contract
 * enters punishment. So a promise adding {@code delta} is admitted only when
 *
 * <pre>owed + delta + largestStake ≤ availableBalance + collectible</pre>
 */
public final class Solvency {
  private Solvency() {}

  /** What the hub owes providers: promised minus settled, never negative. */
  public static BigInteger owed(TokenAmount promised, ChainFacts.Hermes hermes) {
    return Amounts.positivePart(
        promised.toBigInteger().subtract(hermes.providerSettled().toBigInteger()));
  }

  /**
   * How much more the hub may promise: available + collectible − owed − largestStake. Negative when
   * the hub already owes more than the contract could pay.
   */
  public static BigInteger headroom(TokenAmount promised, ChainFacts.Hermes hermes) {
    Objects.requireNonNull(promised);
    return hermes
        .availableBalance()
        .toBigInteger()
        .add(hermes.collectible().toBigInteger())
        .subtract(owed(promised, hermes))
        .subtract(hermes.largestStake().toBigInteger());
  }

  /** Whether a promise adding {@code delta} to what the hub owes keeps the contract solvent. */
  public static boolean admits(TokenAmount promised, BigInteger delta, ChainFacts.Hermes hermes) {
    return delta.compareTo(headroom(promised, hermes)) <= 0;
  }

  /**
   * Whether the contract's own available balance covers what is owed plus the largest stake: when
   * it does not, the hub should settle consumers now rather than wait for its thresholds.
   */
  public static boolean needsCollection(TokenAmount promised, ChainFacts.Hermes hermes) {
    return owed(promised, hermes)
            .add(hermes.largestStake().toBigInteger())
            .compareTo(hermes.availableBalance().toBigInteger())
        > 0;
  }
}
