package network.hermes.contracts.chain;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;

/**
 * Typed reads of the Hermes contracts at one point of the chain: the latest block for {@link
 * ChainClient}, or a fixed block for {@link ChainClient#at(long)} (a watcher that lags behind the
 * head by a confirmation depth reads what was true at its confirmed block). Every method blocks.
 */
public interface ChainReads {
  /** MYST balance of any account or contract. */
  TokenAmount tokenBalance(Address holder);

  /** Native coin balance (gas money) of an account, in wei. */
  TokenAmount nativeBalance(Address holder);

  /** Whether the Registry has a beneficiary for the identity. */
  boolean isRegistered(Address identity);

  /** The identity's payout address, or {@link Address#ZERO} when unregistered. */
  Address beneficiary(Address identity);

  /** The on-chain state of a consumer channel, deployed or not. */
  ConsumerChannelState consumerChannel(Address channel);

  /**
   * The nonce a consumer channel expects in the next exit or funds-destination cheque it checks
   * (P7, P8, P11): its {@code lastNonce()}, 0 for a channel not deployed yet.
   */
  long consumerChannelNonce(Address channel);

  /** The on-chain state of a provider channel at the hub contract. */
  ProviderChannelState providerChannel(Bytes32 channelId);

  /** The hub contract's status, fees, stakes and balances. */
  HermesState hermes();
}
