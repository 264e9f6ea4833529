package network.hermes.contracts.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How a sender prices EIP-1559 transactions and when it replaces a stuck one.
 *
 * @param minPriorityFee floor for the priority fee (Polygon drops transactions under ~30 gwei)
 * @param maxFeeCap the most the sender ever offers per gas
 * @param replaceAfter how long a transaction may stay unmined before it is re-sent with higher fees
 * @param receiptTimeout how long to wait for a receipt in all
 * @param pollInterval how often to ask for the receipt
 */
public record FeePolicy(
    BigInteger minPriorityFee,
    BigInteger maxFeeCap,
    Duration replaceAfter,
    Duration receiptTimeout,
    Duration pollInterval) {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  public FeePolicy {
    Objects.requireNonNull(minPriorityFee, "minPriorityFee");
    Objects.requireNonNull(maxFeeCap, "maxFeeCap");
    if (minPriorityFee.signum() < 0 || maxFeeCap.compareTo(minPriorityFee) < 0) {
      throw new IllegalArgumentException("need 0 <= minPriorityFee <= maxFeeCap");
    }
    Objects.requireNonNull(replaceAfter, "replaceAfter");
    Objects.requireNonNull(receiptTimeout, "receiptTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** A local devnet: cheap fees, fast polling. */
  public static FeePolicy devnet() {
    return new FeePolicy(
        GWEI,
        GWEI.multiply(BigInteger.valueOf(200)),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofMillis(50));
  }

  /** Polygon PoS and Amoy: 31 gwei priority floor, 1,000 gwei cap. */
  public static FeePolicy polygon() {
    return new FeePolicy(
        GWEI.multiply(BigInteger.valueOf(31)),
        GWEI.multiply(BigInteger.valueOf(1000)),
        Duration.ofSeconds(45),
        Duration.ofMinutes(10),
        Duration.ofSeconds(2));
  }

  /** The policy that suits a chain id: Polygon's for 137 and 80002, the devnet's otherwise. */
  public static FeePolicy forChain(long chainId) {
    return chainId == 137 || chainId == 80002 ? polygon() : devnet();
  }
}
