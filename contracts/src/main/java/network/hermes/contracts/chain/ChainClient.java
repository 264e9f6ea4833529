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
public interface ChainClient extends AutoCloseable {
  ChainId chainId();

  /** The latest block number. */
  long blockNumber();

  /** MYST balance of any account or contract. */
  TokenAmount tokenBalance(Address holder);

  /** Native coin balance (gas money) of an account, in wei. */
  TokenAmount nativeBalance(Address holder);

  /** Whether the Registry has a beneficiary for the identity. */
  boolean isRegistered(Address identity);

  /** The identity's payout address, or {@link Address#ZERO} when unregistered. */
  Address beneficiary(Address identity);

  /** The nonce an identity signs into its next beneficiary change (P3). */
  long nextBeneficiaryNonce(Address identity);

  /**
   * The consumer channel (top-up) address of an identity at the deployment's hub, from the
   * Registry.
   */
  Address consumerChannelAddress(Address identity);

  /** The on-chain state of a consumer channel, deployed or not. */
  ConsumerChannelState consumerChannel(Address channel);

  /** The on-chain state of a provider channel at the hub contract. */
  ProviderChannelState providerChannel(Bytes32 channelId);

  /** The hub contract's status, fees, stakes and balances. */
  HermesState hermes();

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
