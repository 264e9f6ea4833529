package network.hermes.contracts.chain;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * A consumer channel as the chain sees it.
 *
 * @param channel the channel address
 * @param deployed whether the channel contract exists (it can hold MYST before it does)
 * @param identity the owning identity, or {@link Address#ZERO} before deployment
 * @param hermesContract the hub contract it pays, or {@link Address#ZERO} before deployment
 * @param balance its MYST balance
 * @param settled cumulative amount settled to the hub
 * @param exitBeneficiary beneficiary of a pending unilateral exit, or {@link Address#ZERO}
 * @param exitTimelock when that exit may be finalised (unix seconds), 0 when none is pending
 */
public record ConsumerChannelState(
    Address channel,
    boolean deployed,
    Address identity,
    Address hermesContract,
    TokenAmount balance,
    TokenAmount settled,
    Address exitBeneficiary,
    long exitTimelock) {
  public boolean exitPending() {
    return exitTimelock != 0;
  }
}
