package network.hermes.contracts.chain;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;

/**
 * The hub contract's state.
 *
 * @param hermesId the hub contract address
 * @param operator the key that signs hub promises
 * @param status Active, Paused, Punishment or Closed
 * @param activeFeeBps the fee in basis points that applies now
 * @param minStake minimal provider stake
 * @param maxStake maximal provider stake, also the cap of one settlement of a zero-stake channel
 * @param hermesStake the hub's own stake
 * @param totalStake the sum of provider stakes
 * @param tokenBalance the contract's MYST balance
 * @param availableBalance what providers can be paid from (balance minus locked funds)
 */
public record HermesState(
    Address hermesId,
    Address operator,
    HermesStatus status,
    int activeFeeBps,
    TokenAmount minStake,
    TokenAmount maxStake,
    TokenAmount hermesStake,
    TokenAmount totalStake,
    TokenAmount tokenBalance,
    TokenAmount availableBalance) {}
