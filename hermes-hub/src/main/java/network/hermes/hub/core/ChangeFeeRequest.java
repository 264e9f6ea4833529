package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * A parsed {@code change_promise_fee}: the provider's copy of its latest hub promise and the fee it
 * wants instead.
 *
 * @param signer address recovered from the given promise's signature
 */
public record ChangeFeeRequest(UnsignedPromise given, Address signer, TokenAmount newFee) {
  public ChangeFeeRequest {
    Objects.requireNonNull(given);
    Objects.requireNonNull(signer);
    Objects.requireNonNull(newFee);
  }
}
