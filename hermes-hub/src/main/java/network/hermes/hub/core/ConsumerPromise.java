package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * A consumer's promise as the hub stores it.
 *
 * @param channelId the 20-byte consumer channel address, 0x-prefixed lowercase hex
 * @param hashlock 0x-prefixed lowercase hex of 32 bytes
 * @param signature 0x-prefixed lowercase hex of 65 bytes, v as signed
 */
public record ConsumerPromise(
    long chainId,
    String channelId,
    TokenAmount amount,
    TokenAmount fee,
    String hashlock,
    String signature) {
  public ConsumerPromise {
    Objects.requireNonNull(channelId);
    Objects.requireNonNull(hashlock);
    Objects.requireNonNull(signature);
    Objects.requireNonNull(amount);
    Objects.requireNonNull(fee);
  }
}
