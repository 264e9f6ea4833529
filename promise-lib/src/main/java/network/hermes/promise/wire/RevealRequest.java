package network.hermes.promise.wire;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/**
 * Body of {@code POST reveal_r}: {@code {"R":"<64 hex>","Provider":"0x…","AgreementID":N|null}}.
 *
 * @param r the secret R
 * @param provider the provider revealing it
 * @param agreementId the agreement, or null (after a refreshed promise)
 */
public record RevealRequest(Bytes32 r, Address provider, BigInteger agreementId) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if R or the provider is null, or the agreement id is negative
   */
  public RevealRequest {
    if (r == null || provider == null) {
      throw new IllegalArgumentException("reveal_r: R and Provider must not be null");
    }
    if (agreementId != null && agreementId.signum() < 0) {
      throw new IllegalArgumentException("reveal_r: AgreementID must not be negative");
    }
  }
}
