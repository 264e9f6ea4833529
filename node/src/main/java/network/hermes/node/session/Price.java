package network.hermes.node.session;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * A session's price, agreed at session create: wei per GiB carried (both directions together) and
 * wei per hour of session time.
 *
 * @param perGib wei per 2^30 bytes
 * @param perHour wei per 3600 s
 */
public record Price(TokenAmount perGib, TokenAmount perHour) {
  private static final BigInteger GIB = BigInteger.ONE.shiftLeft(30);
  private static final BigInteger MILLIS_PER_HOUR = BigInteger.valueOf(3_600_000);

  /** Validates the components. */
  public Price {
    Objects.requireNonNull(perGib, "perGib");
    Objects.requireNonNull(perHour, "perHour");
  }

  /** True when both components are zero: such a session is never invoiced. */
  public boolean isFree() {
    return perGib.isZero() && perHour.isZero();
  }

  /**
   * What a session owes: {@code floor(perHour × ms / 3,600,000) + floor(perGib × bytes / 2^30)},
   * each part truncated separately as upstream does, but exactly (upstream goes through floats).
   */
  public TokenAmount total(Duration elapsed, long bytes) {
    if (elapsed.isNegative() || bytes < 0) {
      throw new IllegalArgumentException("elapsed time and bytes must not be negative");
    }
    BigInteger time =
        perHour
            .toBigInteger()
            .multiply(BigInteger.valueOf(elapsed.toMillis()))
            .divide(MILLIS_PER_HOUR);
    BigInteger data = perGib.toBigInteger().multiply(BigInteger.valueOf(bytes)).divide(GIB);
    return TokenAmount.of(time.add(data));
  }
}
