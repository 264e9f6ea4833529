package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What the hub knows about one consumer on one chain.
 *
 * @param grandTotal G, the sum of every accepted increment (Δ) for this consumer
 * @param latest the highest consumer promise accepted so far, exactly as signed; null before the
 *     first one
 */
public record ConsumerState(
    long chainId, String consumer, BigInteger grandTotal, ConsumerPromise latest) {
  public ConsumerState {
    Objects.requireNonNull(consumer);
    Amounts.requireNonNegative(grandTotal, "grandTotal");
  }

  public static ConsumerState empty(long chainId, String consumer) {
    return new ConsumerState(chainId, consumer, BigInteger.ZERO, null);
  }

  public BigInteger latestAmount() {
    return latest == null ? BigInteger.ZERO : latest.amount();
  }
}
