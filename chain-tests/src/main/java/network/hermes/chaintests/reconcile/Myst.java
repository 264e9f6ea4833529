package network.hermes.chaintests.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import network.hermes.promise.value.TokenAmount;

/** Wei as exact MYST text for people (18 decimals, trailing zeros dropped). */
final class Myst {
  private Myst() {}

  static String of(TokenAmount amount) {
    return of(amount.toBigInteger());
  }

  static String of(BigInteger wei) {
    BigDecimal myst = new BigDecimal(wei, 18).stripTrailingZeros();
    return (myst.signum() == 0 ? "0" : myst.toPlainString()) + " MYST";
  }
}
