package network.hermes.promise.wire;

import java.time.Instant;
import network.hermes.promise.value.TokenAmount;

/**
 * Answer of {@code GET fee/{chain}/register|settle|stake/decrease}: {@code {"fee":N,
 * "valid_until":"RFC 3339"}}.
 *
 * @param fee the relay's fee in MYST wei
 * @param validUntil until when the hub honours it (by the hub's clock)
 */
public record RelayFeeQuote(TokenAmount fee, Instant validUntil) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public RelayFeeQuote {
    if (fee == null || validUntil == null) {
      throw new IllegalArgumentException("relay fee quote: fields must not be null");
    }
  }
}
