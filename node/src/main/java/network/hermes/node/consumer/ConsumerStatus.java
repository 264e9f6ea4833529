package network.hermes.node.consumer;

import java.time.Duration;
import network.hermes.promise.value.TokenAmount;

/**
 * A consumer session as it stands.
 *
 * @param bytesIn stream bytes received
 * @param bytesOut stream bytes sent
 * @param elapsed time since the session started
 * @param paid the agreement total paid
 * @param accepted the agreement total the provider acknowledged
 * @param promised the consumer's cumulative promised amount with its hub
 * @param invoices invoices received
 * @param controlBytes bytes of control frames both ways
 * @param ended why it ended, null while running
 */
public record ConsumerStatus(
    long bytesIn,
    long bytesOut,
    Duration elapsed,
    TokenAmount paid,
    TokenAmount accepted,
    TokenAmount promised,
    int invoices,
    long controlBytes,
    String ended) {}
