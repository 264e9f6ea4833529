package network.hermes.chaintests.reconcile;

import java.util.Map;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * What the hub says through its {@code data} endpoints about the identities checked: the books the
 * chain is reconciled against. An identity the hub knows nothing about has no entry.
 *
 * @param consumers by identity
 * @param providers by provider channel id (earnings and withdrawal channels)
 */
public record HubBooks(Map<Address, Consumer> consumers, Map<Bytes32, ProviderChannel> providers) {
  public HubBooks {
    consumers = Map.copyOf(consumers);
    providers = Map.copyOf(providers);
  }

  /**
   * A consumer's books.
   *
   * @param identity the consumer
   * @param promised the amount of its latest promise the hub accepted (cumulative)
   * @param settled what the hub believes the chain settled on the channel
   * @param balance the spendable balance the hub reports: channel balance minus unsettled
   */
  public record Consumer(
      Address identity, TokenAmount promised, TokenAmount settled, TokenAmount balance) {}

  /**
   * A provider channel's books.
   *
   * @param identity the provider
   * @param kind earnings or withdrawal
   * @param promised the amount of the hub's latest promise on the channel (cumulative)
   * @param settled what the hub believes the chain settled on the channel
   */
  public record ProviderChannel(
      Address identity, ChainLedger.Kind kind, TokenAmount promised, TokenAmount settled) {}
}
