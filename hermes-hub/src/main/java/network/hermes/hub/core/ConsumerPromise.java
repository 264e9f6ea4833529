package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * A consumer's promise as the hub stores it.
 *
 * @param channelId the consumer channel address
 * @param signature as signed (v as given)
 */
public record ConsumerPromise(
    long chainId,
    Address channelId,
    TokenAmount amount,
    TokenAmount fee,
    Bytes32 hashlock,
    Signature signature) {
  public ConsumerPromise {
    Objects.requireNonNull(channelId);
    Objects.requireNonNull(hashlock);
    Objects.requireNonNull(signature);
    Objects.requireNonNull(amount);
    Objects.requireNonNull(fee);
  }
}
