package network.hermes.chaintests.support;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * A hub promise a provider received (acknowledged): after any fault the hub must still hold it.
 *
 * @param provider the provider
 * @param channelId its channel at the hub contract
 * @param hashlock the promise's hashlock
 * @param amount the promise's cumulative amount
 * @param consumer who paid
 * @param consumerAmount the consumer's promise amount that paid it
 */
public record Ack(
    Address provider,
    Bytes32 channelId,
    Bytes32 hashlock,
    TokenAmount amount,
    Address consumer,
    TokenAmount consumerAmount) {}
