package network.hermes.hub.core;

import java.math.BigInteger;
import network.hermes.promise.value.TokenAmount;

/** Guards for wei amounts: non-negative integers below 2^256. */
public final class Amounts {
  public static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private Amounts() {}

  public static BigInteger requireNonNegative(BigInteger value, String name) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    if (value.signum() < 0 || value.compareTo(MAX_UINT256) > 0) {
      throw new IllegalArgumentException(name + " out of uint256 range: " + value);
    }
    return value;
  }

  public static BigInteger max(BigInteger a, BigInteger b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** a − b, or zero when b is larger. */
  public static TokenAmount minusOrZero(TokenAmount a, TokenAmount b) {
    return a.compareTo(b) <= 0 ? TokenAmount.ZERO : a.minus(b);
  }

  public static BigInteger positivePart(BigInteger a) {
    return a.signum() < 0 ? BigInteger.ZERO : a;
  }
}
