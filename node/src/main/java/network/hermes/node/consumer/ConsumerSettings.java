package network.hermes.node.consumer;

import java.net.InetSocketAddress;
import java.time.Duration;
import network.hermes.node.session.Price;
import network.hermes.node.session.Tolerance;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * What a consumer connects with.
 *
 * @param provider where the provider listens
 * @param providerId the identity the provider must prove
 * @param chainId the chain the consumer pays on
 * @param hermesId the consumer's hub
 * @param registry the registry (for the consumer's channel address)
 * @param channelImplementation the hub's consumer channel implementation
 * @param maxPrice the highest price per GiB and per hour accepted
 * @param tolerance the invoice check
 * @param setupTimeout how long the session may take to start (first invoice paid)
 * @param invoicesToPay how many invoices to pay before ignoring the rest, negative for all (only
 *     tests that show a provider cutting off a consumer who stops paying set it)
 */
public record ConsumerSettings(
    InetSocketAddress provider,
    Address providerId,
    ChainId chainId,
    Address hermesId,
    Address registry,
    Address channelImplementation,
    Price maxPrice,
    Tolerance tolerance,
    Duration setupTimeout,
    int invoicesToPay) {}
