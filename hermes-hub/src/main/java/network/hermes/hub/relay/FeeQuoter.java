package network.hermes.hub.relay;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Prices relay transactions in MYST: gas units of the operation × the current gas price × MYST wei
 * per native-coin wei, plus a margin, rounded up to whole wei. Pure.
 *
 * @param gasUnits gas a transaction of each kind uses at most
 * @param mystPerNative MYST wei paid for one wei of native coin (an exchange rate, set by the
 *     operator)
 * @param marginPercent added on top (price moves while a quote is valid)
 * @param validity how long a quote may be used
 */
public record FeeQuoter(
    Map<FeeKind, Long> gasUnits, BigDecimal mystPerNative, int marginPercent, Duration validity) {
  public FeeQuoter {
    gasUnits = Map.copyOf(gasUnits);
    Objects.requireNonNull(mystPerNative);
    Objects.requireNonNull(validity);
    for (FeeKind k : FeeKind.values()) {
      if (gasUnits.getOrDefault(k, 0L) <= 0) {
        throw new IllegalArgumentException("gas units for " + k + " must be positive");
      }
    }
    if (mystPerNative.signum() < 0 || marginPercent < 0) {
      throw new IllegalArgumentException("rate and margin must not be negative");
    }
  }

  /** A fee and until when the relay accepts payloads that pay it. */
  public record Quote(FeeKind kind, BigInteger fee, Instant validUntil) {}

  /**
   * @param gasPrice what a transaction pays per gas now, in native-coin wei
   */
  public Quote quote(FeeKind kind, BigInteger gasPrice, Instant now) {
    BigDecimal native_ = new BigDecimal(gasPrice.multiply(BigInteger.valueOf(gasUnits.get(kind))));
    BigDecimal fee =
        native_
            .multiply(mystPerNative)
            .multiply(BigDecimal.valueOf(100L + marginPercent))
            .divide(BigDecimal.valueOf(100));
    return new Quote(
        kind, fee.setScale(0, RoundingMode.CEILING).toBigIntegerExact(), now.plus(validity));
  }
}
