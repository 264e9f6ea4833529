package network.hermes.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import network.hermes.promise.value.TokenAmount;

/**
 * MYST amounts as people type and read them: {@code 12.5} is 12.5 MYST, {@code 1500wei} is 1,500
 * wei. Exact decimal arithmetic; more than 18 decimals is an error, never rounded.
 */
public final class Amounts {
  private static final int DECIMALS = 18;

  private Amounts() {}

  /**
   * Parses an amount.
   *
   * @param text MYST with up to 18 decimals, or an integer followed by {@code wei}
   * @return the amount in wei
   * @throws ToolException with {@link ExitCode#USAGE} when the text is not such an amount
   */
  public static TokenAmount parse(String text) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.endsWith("wei")) {
        return TokenAmount.parse(t.substring(0, t.length() - 3).trim());
      }
      String myst = t.endsWith("MYST") ? t.substring(0, t.length() - 4).trim() : t;
      if (!myst.matches("[0-9]+(\\.[0-9]+)?")) {
        throw new IllegalArgumentException("not a number");
      }
      BigDecimal value = new BigDecimal(myst);
      if (value.stripTrailingZeros().scale() > DECIMALS) {
        throw new IllegalArgumentException("more than 18 decimals");
      }
      return TokenAmount.of(value.movePointRight(DECIMALS).toBigIntegerExact());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ToolException.usage(
          "'"
              + text
              + "' is not an amount (MYST like 12.5, or wei like 1500wei): "
              + e.getMessage());
    }
  }

  /**
   * Formats an amount in MYST without losing a wei.
   *
   * @param amount the amount
   * @return e.g. {@code 12.5 MYST} or {@code 0.000000000000001 MYST}
   */
  public static String myst(TokenAmount amount) {
    return network.hermes.settler.Myst.format(amount);
  }

  /**
   * The amount in MYST as a plain decimal number.
   *
   * @param amount the amount
   * @return e.g. {@code 12.5}
   */
  public static String mystNumber(TokenAmount amount) {
    return network.hermes.settler.Myst.number(amount);
  }

  /**
   * Whole MYST in wei.
   *
   * @param n MYST
   * @return the amount
   */
  public static TokenAmount ofMyst(long n) {
    return TokenAmount.of(BigInteger.TEN.pow(DECIMALS).multiply(BigInteger.valueOf(n)));
  }
}
