package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

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
    BigInteger amount,
    BigInteger fee,
    String hashlock,
    String signature) {
  public ConsumerPromise {
    Objects.requireNonNull(channelId);
    Objects.requireNonNull(hashlock);
    Objects.requireNonNull(signature);
    Amounts.requireNonNegative(amount, "amount");
    Amounts.requireNonNegative(fee, "fee");
  }
}
