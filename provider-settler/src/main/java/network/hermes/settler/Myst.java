package network.hermes.settler;

import java.math.BigDecimal;
import network.hermes.promise.value.TokenAmount;

/** Amounts in messages: MYST with every decimal that is not zero, never rounded. */
public final class Myst {
  private static final int DECIMALS = 18;

  private Myst() {}

  /**
   * Formats an amount for people.
   *
   * @param amount the amount in wei
   * @return e.g. {@code 12.5 MYST} or {@code 0.000000000000000001 MYST}
   */
  public static String format(TokenAmount amount) {
    return number(amount) + " MYST";
  }

  /**
   * The amount in MYST as a plain decimal number.
   *
   * @param amount the amount in wei
   * @return e.g. {@code 12.5}
   */
  public static String number(TokenAmount amount) {
    return new BigDecimal(amount.toBigInteger(), DECIMALS).stripTrailingZeros().toPlainString();
  }
}
