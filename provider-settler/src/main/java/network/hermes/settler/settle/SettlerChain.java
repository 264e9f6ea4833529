package network.hermes.settler.settle;

import java.math.BigInteger;
import java.util.function.Consumer;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.chain.ProviderChannelState;
import network.hermes.contracts.chain.events.ChainEvent.ProviderPromiseSettled;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.settler.SettleKind;

/**
 * What settling needs from the chain of one deployment. Every method blocks and throws {@link
 * network.hermes.contracts.chain.ChainException} when the node cannot answer.
 */
public interface SettlerChain {
  /**
   * The deployment's chain.
   *
   * @return the chain id
   */
  ChainId chainId();

  /**
   * The deployment's hub contract.
   *
   * @return the hermes id
   */
  Address hermesId();

  /**
   * The deployment's Registry.
   *
   * @return its address
   */
  Address registry();

  /**
   * The hub contract's state now.
   *
   * @return status, fee, stake bounds, available balance, operator
   */
  HermesState hermes();

  /**
   * A provider or withdrawal channel's state now.
   *
   * @param channelId the channel
   * @return settled amount and stake
   */
  ProviderChannelState channel(Bytes32 channelId);

  /**
   * The identity's beneficiary in the Registry.
   *
   * @param identity the identity
   * @return the payout address, or {@link Address#ZERO} when unregistered
   */
  Address beneficiary(Address identity);

  /**
   * The identity's consumer channel (top-up) address at the hub.
   *
   * @param identity the identity
   * @return the channel address, deployed or not
   */
  Address consumerChannel(Address identity);

  /**
   * The nonce the identity signs into its next beneficiary change (P3).
   *
   * @param identity the identity
   * @return the Registry's nonce for it plus one
   */
  BigInteger nextBeneficiaryNonce(Address identity);

  /**
   * Sends a settlement from the configured sending key and waits until it is mined.
   *
   * @param kind the settle variant
   * @param identity the identity whose channel is settled
   * @param promise the hub promise, with its R
   * @param beneficiary the new beneficiary ({@link SettleKind#WITH_BENEFICIARY}) or the payee
   *     ({@link SettleKind#PAY_AND_SETTLE}), else null
   * @param beneficiarySignature the identity's P3 or P9 signature, else null
   * @param onBroadcast told the transaction hash as soon as it is broadcast (and again if it is
   *     replaced), before the receipt arrives
   * @return the mined transaction and its {@code PromiseSettled} event
   * @throws network.hermes.contracts.chain.ChainException when the chain refuses or reverts it (the
   *     decoded reason is in the message), or the node fails
   */
  Mined send(
      SettleKind kind,
      Address identity,
      Promise promise,
      Address beneficiary,
      Signature beneficiarySignature,
      Consumer<String> onBroadcast);

  /**
   * Looks up what a settlement transaction did.
   *
   * @param txHash the transaction
   * @param channelId the channel it should have settled
   * @param lock the R it should have revealed
   * @return where it stands
   */
  Lookup lookup(String txHash, Bytes32 channelId, Bytes32 lock);

  /**
   * A mined settlement.
   *
   * @param txHash the transaction
   * @param event its {@code PromiseSettled} event
   */
  record Mined(String txHash, ProviderPromiseSettled event) {}

  /**
   * What the chain says about a transaction.
   *
   * @param state where it stands
   * @param event the matching {@code PromiseSettled} event when {@link State#SETTLED}, else null
   * @param detail why it counts as failed, for {@link State#REVERTED} and {@link State#NO_EVENT}
   */
  record Lookup(State state, ProviderPromiseSettled event, String detail) {
    /** The states of a looked-up transaction. */
    public enum State {
      /** The node does not know the transaction (dropped, or never broadcast). */
      UNKNOWN,
      /** Waiting in the node's pool. */
      PENDING,
      /** Mined and reverted: nothing was settled. */
      REVERTED,
      /** Mined without a matching event (e.g. punishment was activated and nothing paid). */
      NO_EVENT,
      /** Mined with the matching {@code PromiseSettled} event. */
      SETTLED
    }
  }
}
