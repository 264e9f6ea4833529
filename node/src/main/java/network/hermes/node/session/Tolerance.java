package network.hermes.node.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import network.hermes.promise.value.TokenAmount;

/**
 * The consumer's check of an invoice against its own metering, as upstream's invoice payer does:
 * the invoice may ask at most {@code floor(price(elapsed, bytes + leeway) × t)}, where {@code t} is
 * 3 in the first second and otherwise {@code (1 − d/(1+d)) + (1 − 1/(1 + v/1024)) + 1.11}, with
 * {@code d} the minutes elapsed (at least 1) and {@code v} the average rate in Mbit/s (0 counts as
 * 1). The factor is a double as upstream computes it; the money it multiplies stays exact.
 */
public final class Tolerance {
  /** Upstream's default data leeway: 20 MiB added to the consumer's byte count. */
  public static final long DEFAULT_DATA_LEEWAY = 20L * 1024 * 1024;

  private final long dataLeeway;

  /** Creates the check with a data leeway in bytes. */
  public Tolerance(long dataLeeway) {
    if (dataLeeway < 0) {
      throw new IllegalArgumentException("data leeway must not be negative");
    }
    this.dataLeeway = dataLeeway;
  }

  /** The tolerance factor {@code t} for a session this old that carried this many bytes. */
  public static double factor(Duration elapsed, long bytes) {
    if (elapsed.compareTo(Duration.ofSeconds(1)) < 0) {
      return 3;
    }
    double seconds = elapsed.toMillis() / 1000.0;
    double d = Math.max(1, seconds / 60);
    double mbits = bytes / (1024.0 * 1024.0) / seconds * 8;
    double v = mbits == 0 ? 1 : mbits;
    return (1 - d / (1 + d)) + (1 - 1 / (1 + v / 1024)) + 1.11;
  }

  /** The most an invoice may ask for, by the consumer's own metering. */
  public TokenAmount limit(Price price, Duration elapsed, long bytes) {
    TokenAmount expected = price.total(elapsed, Math.addExact(bytes, dataLeeway));
    BigDecimal scaled =
        new BigDecimal(expected.toBigInteger())
            .multiply(BigDecimal.valueOf(factor(elapsed, bytes)));
    return TokenAmount.of(scaled.setScale(0, RoundingMode.FLOOR).toBigIntegerExact());
  }

  /** True when the invoice total asks for more than {@link #limit}. */
  public boolean overcharges(TokenAmount invoiced, Price price, Duration elapsed, long bytes) {
    return invoiced.compareTo(limit(price, elapsed, bytes)) > 0;
  }
}
