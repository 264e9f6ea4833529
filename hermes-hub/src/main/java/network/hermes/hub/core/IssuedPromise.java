package network.hermes.hub.core;

import java.math.BigInteger;
import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * One accepted exchange: the consumer promise it was paid with and the hub promise it produced.
 * Keyed by (chain, provider channel, hashlock); an identical retry returns {@link #hubPromise()}.
 */
public record IssuedPromise(
    Address consumer,
    Address provider,
    BigInteger agreementId,
    TokenAmount agreementTotal,
    TokenAmount delta,
    Promise consumerPromise,
    UnsignedPromise hubPromise,
    String rRecoveryData) {
  public IssuedPromise {
    Objects.requireNonNull(consumer);
    Objects.requireNonNull(provider);
    Amounts.requireNonNegative(agreementId, "agreementId");
    Objects.requireNonNull(agreementTotal);
    Objects.requireNonNull(delta);
    Objects.requireNonNull(consumerPromise);
    Objects.requireNonNull(hubPromise);
  }

  /** Same provider, hashlock, agreement and total: the retry of this exchange. */
  public boolean sameExchange(
      Address consumer, BigInteger agreementId, TokenAmount agreementTotal) {
    return this.consumer.equals(consumer)
        && this.agreementId.equals(agreementId)
        && this.agreementTotal.equals(agreementTotal);
  }
}
