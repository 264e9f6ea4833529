package network.hermes.contracts.chain;

import java.util.List;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * Sends transactions from one account of one deployment, signed by the key the {@link
 * ChainClient#writer writer} was made with. It estimates gas first (a transaction that would revert
 * is refused by its error name, nothing sent), prices EIP-1559 fees under the client's policy and
 * keeps the account's nonces. Every method blocks; never call one on an event loop.
 */
public interface ChainWriter {
  /** The sending account. */
  Address address();

  /**
   * Broadcasts a transaction and returns once the node accepted it, without waiting for it to be
   * mined: record {@link PendingTx#hash()}, then {@link PendingTx#awaitReceipt}.
   *
   * @throws ChainException when the transaction would revert (with the decoded reason) or the node
   *     refuses it
   */
  PendingTx send(TxRequest request);

  /** Transfers MYST. */
  default TxResult transferToken(Address to, TokenAmount amount) {
    return send(new TxRequest.TransferToken(to, amount)).awaitReceipt();
  }

  /** Transfers native coin. */
  default TxResult transferNative(Address to, TokenAmount amount) {
    return send(new TxRequest.TransferNative(to, amount)).awaitReceipt();
  }

  /** Approves a spender for MYST. */
  default TxResult approveToken(Address spender, TokenAmount amount) {
    return send(new TxRequest.ApproveToken(spender, amount)).awaitReceipt();
  }

  /** Mints MYST (test networks only: the sender must be the token's upgrade master). */
  default TxResult mintToken(Address to, TokenAmount amount) {
    return send(new TxRequest.MintToken(to, amount)).awaitReceipt();
  }

  /** Registers an identity at the deployment's hub with a P1 signature made by the identity. */
  default TxResult registerIdentity(
      TokenAmount stake,
      TokenAmount transactorFee,
      Address beneficiary,
      Signature registrationSignature) {
    return send(new TxRequest.RegisterIdentity(
            stake, transactorFee, beneficiary, registrationSignature))
        .awaitReceipt();
  }

  /** Settles a consumer promise (P5) on its channel. */
  default TxResult settleConsumerPromise(Address channel, Promise promise, Bytes32 r) {
    return send(new TxRequest.SettleConsumerPromise(channel, promise, r)).awaitReceipt();
  }

  /**
   * Settles many consumer promises into the hub contract in one transaction; failures are skipped
   * and reported by the contract's ChannelSettlementFailed event.
   */
  default TxResult settleConsumerPromises(List<ChannelSettlement> settlements) {
    return send(new TxRequest.SettleConsumerPromises(settlements)).awaitReceipt();
  }

  /** Settles a hub promise (P6) to the provider identity's beneficiary. */
  default TxResult settleProviderPromise(Address identity, Promise promise, Bytes32 r) {
    return send(new TxRequest.SettleProviderPromise(identity, promise, r)).awaitReceipt();
  }

  /** Settles a hub promise and changes the beneficiary (P3 signed by the identity) at once. */
  default TxResult settleWithBeneficiary(
      Address identity,
      Promise promise,
      Bytes32 r,
      Address newBeneficiary,
      Signature beneficiarySignature) {
    return send(new TxRequest.SettleWithBeneficiary(
            identity, promise, r, newBeneficiary, beneficiarySignature))
        .awaitReceipt();
  }

  /** Settles a hub promise into the provider's stake. */
  default TxResult settleIntoStake(Address identity, Promise promise, Bytes32 r) {
    return send(new TxRequest.SettleIntoStake(identity, promise, r)).awaitReceipt();
  }

  /** Pays a withdrawal-channel promise to a beneficiary the identity authorised (P9). */
  default TxResult payAndSettle(
      Address identity,
      Promise promise,
      Bytes32 r,
      Address beneficiary,
      Signature beneficiarySignature) {
    return send(new TxRequest.PayAndSettle(identity, promise, r, beneficiary, beneficiarySignature))
        .awaitReceipt();
  }

  /** Returns part of a provider's stake (P10 signed by the identity). */
  default TxResult decreaseStake(
      Address identity, TokenAmount amount, TokenAmount transactorFee, Signature signature) {
    return send(new TxRequest.DecreaseStake(identity, amount, transactorFee, signature))
        .awaitReceipt();
  }

  /** Starts a consumer's unilateral exit (P11 signed by the identity). */
  default TxResult requestExit(
      Address channel, Address beneficiary, long validUntil, Signature signature) {
    return send(new TxRequest.RequestExit(channel, beneficiary, validUntil, signature))
        .awaitReceipt();
  }

  /** Completes a unilateral exit once its time lock has passed. */
  default TxResult finalizeExit(Address channel) {
    return send(new TxRequest.FinalizeExit(channel)).awaitReceipt();
  }

  /** Sets the hub's public URL in the Registry (P4 signed by the hub's operator). */
  default TxResult updateHermesUrl(String url, Signature signature) {
    return send(new TxRequest.UpdateHermesUrl(url, signature)).awaitReceipt();
  }
}
