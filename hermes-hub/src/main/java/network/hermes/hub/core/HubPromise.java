package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * An unsigned promise from the hub to a provider channel. It is persisted before it is signed;
 * signing is deterministic (RFC 6979), so re-signing a stored one yields the same signature.
 *
 * @param channelId the provider (or withdrawal) channel id
 */
public record HubPromise(
    long chainId, Bytes32 channelId, TokenAmount amount, TokenAmount fee, Bytes32 hashlock) {
  public HubPromise {
    Objects.requireNonNull(channelId);
    Objects.requireNonNull(hashlock);
    Objects.requireNonNull(amount);
    Objects.requireNonNull(fee);
  }
}
