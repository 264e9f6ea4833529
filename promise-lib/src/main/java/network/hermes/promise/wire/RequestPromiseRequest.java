package network.hermes.promise.wire;

import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;

/**
 * Body of {@code POST request_promise} and {@code POST pay_and_settle}: {@code {"exchange_message":
 * …, "transactor_fee": N, "r_recovery_data": "<hex>"}}.
 *
 * @param exchangeMessage the consumer's exchange message
 * @param transactorFee the settle fee the provider wants in the hub promise
 * @param rRecoveryData R encrypted for the provider, hex without {@code 0x}; empty when absent
 */
public record RequestPromiseRequest(
    ExchangeMessage exchangeMessage, TokenAmount transactorFee, String rRecoveryData) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the recovery data is not hex
   */
  public RequestPromiseRequest {
    if (exchangeMessage == null || transactorFee == null || rRecoveryData == null) {
      throw new IllegalArgumentException("request_promise: fields must not be null");
    }
    if (!Hex.isHex(rRecoveryData)) {
      throw new IllegalArgumentException("r_recovery_data: expected hex digits without 0x");
    }
  }
}
