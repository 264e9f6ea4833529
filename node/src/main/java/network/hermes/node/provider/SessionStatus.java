package network.hermes.node.provider;

import java.math.BigInteger;
import java.time.Duration;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * A provider session as it stands.
 *
 * @param consumer the consumer
 * @param agreementId the agreement, null before session create
 * @param bytes stream bytes carried both ways
 * @param elapsed time since session create
 * @param paid the agreement total the consumer paid
 * @param earned the agreement total the hub promised for
 * @param ended why it ended, null while running
 */
public record SessionStatus(
    Address consumer,
    BigInteger agreementId,
    long bytes,
    Duration elapsed,
    TokenAmount paid,
    TokenAmount earned,
    String ended) {}
