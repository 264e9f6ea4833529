package network.hermes.node.provider;

import java.time.Duration;
import network.hermes.node.session.InvoiceSchedule;
import network.hermes.node.session.Price;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * What a provider serves with.
 *
 * @param price its price
 * @param chainId the chain it is paid on
 * @param hermesId its hub
 * @param operator the hub's operator, whose signature every hub promise must carry
 * @param registry the registry (for consumer channel addresses)
 * @param channelImplementation the hub's consumer channel implementation
 * @param schedule the invoicing knobs
 * @param hubFailureLimit retryable hub failures in a row before a session ends (upstream: 10)
 * @param tick how often sessions are re-evaluated (upstream: 1 s)
 * @param overchargePercent extra percent put on every invoice: 0 in service, set only by tests that
 *     show consumers refusing an overcharging provider
 */
public record ProviderSettings(
    Price price,
    ChainId chainId,
    Address hermesId,
    Address operator,
    Address registry,
    Address channelImplementation,
    InvoiceSchedule.Settings schedule,
    int hubFailureLimit,
    Duration tick,
    int overchargePercent) {}
