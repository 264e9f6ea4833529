package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * A parsed {@code reveal_r}.
 *
 * @param hashlockOfR keccak256(R), computed at the edge
 * @param agreementId informational, may be null
 */
public record RevealRequest(
    Address provider, Bytes32 r, Bytes32 hashlockOfR, BigInteger agreementId) {
  public RevealRequest {
    Objects.requireNonNull(provider);
    Objects.requireNonNull(r);
    Objects.requireNonNull(hashlockOfR);
  }
}
