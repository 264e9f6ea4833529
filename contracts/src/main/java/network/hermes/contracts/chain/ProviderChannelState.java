package network.hermes.contracts.chain;

import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * A provider channel (an entry of the hub contract).
 *
 * @param channelId keccak(identity ‖ hub)
 * @param settled cumulative amount settled
 * @param stake the provider's stake, which is also the channel's capacity
 * @param lastUsedNonce nonce of the last stake decrease
 */
public record ProviderChannelState(
    Bytes32 channelId, TokenAmount settled, TokenAmount stake, long lastUsedNonce) {}
