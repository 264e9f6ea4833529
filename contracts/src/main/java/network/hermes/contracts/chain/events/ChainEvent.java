package network.hermes.contracts.chain.events;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/** A decoded log of the Hermes contracts or the MYST token that a hub acts upon. */
public sealed interface ChainEvent {
  LogPosition position();

  /** MYST moved; top-ups of consumer channels are the ones a hub cares about. */
  record TokenTransferred(LogPosition position, Address from, Address to, TokenAmount value)
      implements ChainEvent {}

  /** The Registry registered an identity (its first channel). */
  record IdentityRegistered(LogPosition position, Address identity, Address beneficiary)
      implements ChainEvent {}

  /** The Registry deployed a consumer channel. */
  record ConsumerChannelCreated(
      LogPosition position, Address identity, Address hermesId, Address channel)
      implements ChainEvent {}

  /** An identity's payout address changed. */
  record BeneficiaryChanged(LogPosition position, Address identity, Address beneficiary)
      implements ChainEvent {}

  /** A consumer promise was settled on a channel (emitter = the channel); it reveals R. */
  record ConsumerPromiseSettled(
      LogPosition position,
      Address beneficiary,
      TokenAmount amount,
      TokenAmount totalSettled,
      Bytes32 lock)
      implements ChainEvent {
    public Address channel() {
      return position.emitter();
    }
  }

  /** Money left a consumer channel by an exit (emitter = the channel). */
  record ConsumerWithdrawn(LogPosition position, Address beneficiary, TokenAmount amount)
      implements ChainEvent {
    public Address channel() {
      return position.emitter();
    }
  }

  /** A consumer asked to leave its channel unilaterally (emitter = the channel). */
  record ConsumerExitRequested(LogPosition position, long timelock) implements ChainEvent {
    public Address channel() {
      return position.emitter();
    }
  }

  /** A hub promise was settled at the hub contract; it reveals R. */
  record ProviderPromiseSettled(
      LogPosition position,
      Address identity,
      Bytes32 channelId,
      Address beneficiary,
      TokenAmount amountSentToBeneficiary,
      TokenAmount fees,
      Bytes32 lock)
      implements ChainEvent {}

  /** A provider channel's stake changed. */
  record StakeChanged(LogPosition position, Bytes32 channelId, TokenAmount stake)
      implements ChainEvent {}

  /** One promise of a batch could not be settled. */
  record ChannelSettlementFailed(LogPosition position, Address channel, String reason)
      implements ChainEvent {}

  /** The hub contract entered punishment: alarm. */
  record HermesPunishmentActivated(LogPosition position, long activationTime)
      implements ChainEvent {}

  /** Something else about the hub contract changed (status, fee, stakes, treasury). */
  record HermesStateChanged(LogPosition position, String what) implements ChainEvent {}
}
