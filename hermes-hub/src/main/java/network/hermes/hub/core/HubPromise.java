package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An unsigned promise from the hub to a provider channel. It is persisted before it is signed;
 * signing is deterministic (RFC 6979), so re-signing a stored one yields the same signature.
 *
 * @param channelId 0x-prefixed 32-byte provider (or withdrawal) channel id
 */
public record HubPromise(
    long chainId, String channelId, BigInteger amount, BigInteger fee, String hashlock) {
  public HubPromise {
    Objects.requireNonNull(channelId);
    Objects.requireNonNull(hashlock);
    Amounts.requireNonNegative(amount, "amount");
    Amounts.requireNonNegative(fee, "fee");
  }
}
