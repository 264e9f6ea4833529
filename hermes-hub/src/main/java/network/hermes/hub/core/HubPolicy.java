package network.hermes.hub.core;

import java.util.Objects;
import java.util.Set;
import network.hermes.promise.value.TokenAmount;

/**
 * The hub's own identity and configurable limits.
 *
 * @param hermesId address of this hub's Hermes contract
 * @param operator address of the operator key that signs hub promises
 * @param chainIds chains this hub serves
 * @param maxTransactorFee highest transactor fee a provider may ask to be put in a hub promise
 * @param zeroStakeCap unsettled cap for zero-stake providers; null means the Hermes maxStake
 * @param payAndSettleEnabled whether withdrawals through pay_and_settle are served
 */
public record HubPolicy(
    String hermesId,
    String operator,
    Set<Long> chainIds,
    TokenAmount maxTransactorFee,
    TokenAmount zeroStakeCap,
    boolean payAndSettleEnabled) {
  public HubPolicy {
    Objects.requireNonNull(hermesId);
    Objects.requireNonNull(operator);
    chainIds = Set.copyOf(chainIds);
    Objects.requireNonNull(maxTransactorFee);
  }

  public boolean servesChain(long chainId) {
    return chainIds.contains(chainId);
  }
}
