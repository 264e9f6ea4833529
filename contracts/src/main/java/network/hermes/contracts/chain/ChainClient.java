package network.hermes.contracts.chain;

import java.util.List;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * The chain port: typed reads of the Hermes contracts and the transactions that change them. One
 * client serves one deployment (token, registry, hub contract); sends are signed by the key given
 * to each call. Every method blocks; never call it on an event loop.
 */
public interface ChainClient extends ChainReads, AutoCloseable {
  ChainId chainId();

  /** The latest block number. */
  long blockNumber();

  /**
   * Reads as of block {@code blockNumber} instead of the latest block.
   *
   * @throws ChainException from the returned reads when the node no longer (or not yet) has that
   *     block's state
   */
  ChainReads at(long blockNumber);

  /** The current gas price under this client's fee policy (floor and cap applied). */
  GasPrice gasPrice();

  /** Where a transaction broadcast earlier stands (after a restart, for instance). */
  TxStatus transactionStatus(String txHash);

  /** The nonce an identity signs into its next beneficiary change (P3). */
  long nextBeneficiaryNonce(Address identity);

  /**
   * The consumer channel (top-up) address of an identity at the deployment's hub, from the
   * Registry.
   */
  Address consumerChannelAddress(Address identity);

  /** The hub fee the contract charges on a provider settlement of {@code amount}. */
  TokenAmount hermesFee(TokenAmount amount);

  /** Transfers MYST. */
  TxResult transferToken(PrivateKey from, Address to, TokenAmount amount);

  /** Transfers native coin. */
  TxResult transferNative(PrivateKey from, Address to, TokenAmount amount);

  /** Approves a spender for MYST. */
  TxResult approveToken(PrivateKey owner, Address spender, TokenAmount amount);

  /** Registers an identity at the deployment's hub with a P1 signature made by the identity. */
  TxResult registerIdentity(
      PrivateKey sender,
      TokenAmount stake,
      TokenAmount transactorFee,
      Address beneficiary,
      Signature registrationSignature);

  /** Settles a consumer promise (P5) on its channel; the channel is named by the promise. */
  TxResult settleConsumerPromise(PrivateKey sender, Address channel, Promise promise, Bytes32 r);

  /**
   * Settles many consumer promises into the hub contract in one transaction; failures are skipped
   * and reported by the contract's ChannelSettlementFailed event.
   */
  TxResult settleConsumerPromises(PrivateKey sender, List<ChannelSettlement> settlements);

  /** Settles a hub promise (P6) to the provider identity's beneficiary. */
  TxResult settleProviderPromise(PrivateKey sender, Address identity, Promise promise, Bytes32 r);

  /** Settles a hub promise and changes the beneficiary (P3 signed by the identity) at once. */
  TxResult settleWithBeneficiary(
      PrivateKey sender,
      Address identity,
      Promise promise,
      Bytes32 r,
      Address newBeneficiary,
      Signature beneficiarySignature);

  /** Settles a hub promise into the provider's stake. */
  TxResult settleIntoStake(PrivateKey sender, Address identity, Promise promise, Bytes32 r);

  /** Pays a withdrawal-channel promise to a beneficiary the identity authorised (P9). */
  TxResult payAndSettle(
      PrivateKey sender,
      Address identity,
      Promise promise,
      Bytes32 r,
      Address beneficiary,
      Signature beneficiarySignature);

  /** Returns part of a provider's stake (P10 signed by the identity). */
  TxResult decreaseStake(
      PrivateKey sender,
      Address identity,
      TokenAmount amount,
      TokenAmount transactorFee,
      Signature signature);

  /** Starts a consumer's unilateral exit (P11 signed by the identity). */
  TxResult requestExit(
      PrivateKey sender,
      Address channel,
      Address beneficiary,
      long validUntil,
      Signature signature);

  /** Completes a unilateral exit once its time lock has passed. */
  TxResult finalizeExit(PrivateKey sender, Address channel);

  @Override
  void close();
}
