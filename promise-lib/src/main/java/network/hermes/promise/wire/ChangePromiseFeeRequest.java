package network.hermes.promise.wire;

import network.hermes.promise.message.Promise;
import network.hermes.promise.value.TokenAmount;

/**
 * Body of {@code POST change_promise_fee}: {@code {"hermes_promise": <Promise JSON>, "new_fee":
 * N}}.
 *
 * @param hermesPromise the provider's latest hub promise
 * @param newFee the fee to re-sign it with
 */
public record ChangePromiseFeeRequest(Promise hermesPromise, TokenAmount newFee) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public ChangePromiseFeeRequest {
    if (hermesPromise == null || newFee == null) {
      throw new IllegalArgumentException("change_promise_fee: fields must not be null");
    }
  }
}
