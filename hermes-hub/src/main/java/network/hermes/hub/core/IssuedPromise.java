package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One accepted exchange: the consumer promise it was paid with and the hub promise it produced.
 * Keyed by (chain, provider channel, hashlock); an identical retry returns {@link #hubPromise()}.
 */
public record IssuedPromise(
    String consumer,
    String provider,
    BigInteger agreementId,
    BigInteger agreementTotal,
    BigInteger delta,
    ConsumerPromise consumerPromise,
    HubPromise hubPromise,
    String rRecoveryData) {
  public IssuedPromise {
    Objects.requireNonNull(consumer);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(agreementId);
    Objects.requireNonNull(agreementTotal);
    Amounts.requireNonNegative(delta, "delta");
    Objects.requireNonNull(consumerPromise);
    Objects.requireNonNull(hubPromise);
  }

  /** Same provider, hashlock, agreement and total: the retry of this exchange. */
  public boolean sameExchange(String consumer, BigInteger agreementId, BigInteger agreementTotal) {
    return this.consumer.equals(consumer)
        && this.agreementId.equals(agreementId)
        && this.agreementTotal.equals(agreementTotal);
  }
}
