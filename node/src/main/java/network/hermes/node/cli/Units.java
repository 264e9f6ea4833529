package network.hermes.node.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import network.hermes.promise.value.TokenAmount;

/** Human renderings for status lines. */
final class Units {
  private static final BigDecimal WEI_PER_MYST = BigDecimal.TEN.pow(18);

  private Units() {}

  static String myst(TokenAmount amount) {
    return new BigDecimal(amount.toBigInteger())
            .divide(WEI_PER_MYST, 9, RoundingMode.DOWN)
            .stripTrailingZeros()
            .toPlainString()
        + " MYST";
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  static String rate(long bytes, Duration over) {
    double seconds = Math.max(0.001, over.toMillis() / 1000.0);
    return String.format("%.2f MiB/s", bytes / (1024.0 * 1024) / seconds);
  }
}
