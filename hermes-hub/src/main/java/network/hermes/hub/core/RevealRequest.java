package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A parsed {@code reveal_r}.
 *
 * @param r 0x-prefixed 32-byte R
 * @param hashlockOfR keccak256(R), computed at the edge
 * @param agreementId informational, may be null
 */
public record RevealRequest(String provider, String r, String hashlockOfR, BigInteger agreementId) {
  public RevealRequest {
    Objects.requireNonNull(provider);
    Objects.requireNonNull(r);
    Objects.requireNonNull(hashlockOfR);
  }
}
