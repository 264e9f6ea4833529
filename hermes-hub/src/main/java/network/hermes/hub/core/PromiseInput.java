package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.TokenAmount;

/**
 * Everything {@link Decisions#requestPromise} looks at, loaded under the consumer and provider row
 * locks.
 *
 * @param provider state of the output channel (earnings, or withdrawal for pay_and_settle)
 * @param earnings for pay_and_settle, the identity's earnings channel state (null otherwise or when
 *     unknown)
 * @param lastAgreementTotal the agreement's last accepted total, zero when new
 * @param existing the exchange already accepted with this hashlock on this channel, or null
 * @param promisedTotal the sum of all hub promise amounts issued on the chain so far (locked with
 *     the request), or null when the solvency guard is off
 */
public record PromiseInput(
    PromiseRequest request,
    ConsumerState consumer,
    ProviderState provider,
    ProviderState earnings,
    TokenAmount lastAgreementTotal,
    IssuedPromise existing,
    ChainFacts.View chain,
    TokenAmount promisedTotal) {
  public PromiseInput {
    Objects.requireNonNull(request);
    Objects.requireNonNull(consumer);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(lastAgreementTotal);
    Objects.requireNonNull(chain);
  }

  /** Input without the hub's promised total (solvency guard off). */
  public PromiseInput(
      PromiseRequest request,
      ConsumerState consumer,
      ProviderState provider,
      ProviderState earnings,
      TokenAmount lastAgreementTotal,
      IssuedPromise existing,
      ChainFacts.View chain) {
    this(request, consumer, provider, earnings, lastAgreementTotal, existing, chain, null);
  }
}
