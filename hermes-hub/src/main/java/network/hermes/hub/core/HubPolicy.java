package network.hermes.hub.core;

import java.util.Objects;
import java.util.Set;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
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
 * @param solvencyGuard whether promises are refused when the Hermes contract could not pay what the
 *     hub would then owe providers (needs the chain watcher's solvency figures)
 */
public record HubPolicy(
    Address hermesId,
    Address operator,
    Set<ChainId> chainIds,
    TokenAmount maxTransactorFee,
    TokenAmount zeroStakeCap,
    boolean payAndSettleEnabled,
    boolean solvencyGuard) {
  public HubPolicy {
    Objects.requireNonNull(hermesId);
    Objects.requireNonNull(operator);
    chainIds = Set.copyOf(chainIds);
    Objects.requireNonNull(maxTransactorFee);
  }

  /** A policy without the solvency guard (offline operation, tests of the other rules). */
  public HubPolicy(
      Address hermesId,
      Address operator,
      Set<ChainId> chainIds,
      TokenAmount maxTransactorFee,
      TokenAmount zeroStakeCap,
      boolean payAndSettleEnabled) {
    this(hermesId, operator, chainIds, maxTransactorFee, zeroStakeCap, payAndSettleEnabled, false);
  }

  public boolean servesChain(ChainId chainId) {
    return chainIds.contains(chainId);
  }
}
