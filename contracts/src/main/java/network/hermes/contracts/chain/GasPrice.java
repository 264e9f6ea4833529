package network.hermes.contracts.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a transaction costs per unit of gas right now, under the client's {@link FeePolicy}.
 *
 * @param baseFee the latest block's base fee, in wei
 * @param priorityFee the priority fee a sender would offer (the node's suggestion, at least the
 *     policy's floor), in wei
 * @param maxFee the most a sender would offer per gas (twice the base fee plus the priority fee,
 *     capped by the policy), in wei
 */
public record GasPrice(BigInteger baseFee, BigInteger priorityFee, BigInteger maxFee) {
  public GasPrice {
    Objects.requireNonNull(baseFee, "baseFee");
    Objects.requireNonNull(priorityFee, "priorityFee");
    Objects.requireNonNull(maxFee, "maxFee");
  }

  /** The price a transaction mined in the next block is expected to pay per gas. */
  public BigInteger expected() {
    return baseFee.add(priorityFee).min(maxFee);
  }
}
