package network.hermes.settler.policy;

/**
 * Why a settlement is not attempted. Every refusal is decided before anything is sent, so a refused
 * settlement changes nothing on chain or at the hub.
 */
public enum Refusal {
  /** No hub promise is stored for the channel (resynchronise with the hub first). */
  NO_PROMISE,
  /** The chain has settled the stored promise's whole amount already. */
  NOTHING_TO_SETTLE,
  /** The identity has no beneficiary in the Registry, so a plain settlement cannot pay anyone. */
  UNREGISTERED,
  /** The hub contract is in punishment or closed: it settles nothing. */
  HUB_NOT_ACTIVE,
  /** The hub's fee is above the configured maximum. */
  HUB_FEE_TOO_HIGH,
  /** The transactor fee is above the configured maximum share of the amount settled. */
  FEE_TOO_HIGH,
  /** What would be settled does not cover the transactor fee plus the hub fee. */
  FEES_NOT_COVERED,
  /** The hub contract has no available balance to pay from right now. */
  NO_AVAILABLE_BALANCE,
  /** The contract would settle only part of the unsettled amount and that was not allowed. */
  ABOVE_SETTLEMENT_CAP,
  /** The channel has never settled and its stake is below the hub's minimum. */
  NOT_ENOUGH_STAKE,
  /** Settling into stake would take the stake outside the hub's bounds. */
  STAKE_OUT_OF_RANGE,
  /** The payout would go to the identity's own consumer channel (the registration default). */
  BENEFICIARY_IS_OWN_CHANNEL,
  /** The hub holds another latest promise than the one stored here (resynchronise). */
  OUT_OF_SYNC,
  /** The hub answered with a promise that is not what was asked for or not signed by it. */
  BAD_HUB_ANSWER,
  /** Another settlement of the same channel is in flight. */
  IN_PROGRESS
}
