package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * What the hub knows about one consumer on one chain.
 *
 * @param grandTotal G, the sum of every accepted increment (Δ) for this consumer
 * @param latest the highest consumer promise accepted so far, exactly as signed (v as given, no R);
 *     null before the first one
 */
public record ConsumerState(
    ChainId chainId, Address consumer, TokenAmount grandTotal, Promise latest) {
  public ConsumerState {
    Objects.requireNonNull(chainId);
    Objects.requireNonNull(consumer);
    Objects.requireNonNull(grandTotal);
  }

  public static ConsumerState empty(ChainId chainId, Address consumer) {
    return new ConsumerState(chainId, consumer, TokenAmount.ZERO, null);
  }

  public TokenAmount latestAmount() {
    return latest == null ? TokenAmount.ZERO : latest.amount();
  }
}
