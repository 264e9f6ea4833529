package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A parsed {@code change_promise_fee}: the provider's copy of its latest hub promise and the fee it
 * wants instead.
 *
 * @param signer address recovered from the given promise's signature
 */
public record ChangeFeeRequest(HubPromise given, String signer, BigInteger newFee) {
  public ChangeFeeRequest {
    Objects.requireNonNull(given);
    Objects.requireNonNull(signer);
    Amounts.requireNonNegative(newFee, "newFee");
  }
}
