package network.hermes.contracts.chain;

import java.util.List;
import java.util.Optional;
import network.hermes.contracts.chain.events.ChainEvent;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The chain port: typed reads of the Hermes contracts, the blocks and events a follower needs, and
 * {@link #writer writers} that send the transactions that change them. One client serves one
 * deployment (token, registry, hub contract). Every method blocks; never call it on an event loop.
 */
public interface ChainClient extends ChainReads, AutoCloseable {
  ChainId chainId();

  /** The latest block number. */
  long blockNumber();

  /** The timestamp of the latest block (unix seconds): the chain's clock, not ours. */
  long latestBlockTime();

  /**
   * The timestamp of block {@code number} (unix seconds).
   *
   * @throws ChainException when the chain has no such block
   */
  long blockTime(long number);

  /** The hash of block {@code number}, or empty when the chain is not that long (any more). */
  Optional<Bytes32> blockHash(long number);

  /**
   * The decoded events of the deployment's contracts and of every consumer channel in blocks {@code
   * from..to} inclusive, in chain order.
   */
  List<ChainEvent> events(long from, long to);

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
  TxStatus transactionStatus(Bytes32 txHash);

  /** The nonce an identity signs into its next beneficiary change (P3). */
  long nextBeneficiaryNonce(Address identity);

  /** The hub's public URL as the Registry has it. */
  String hermesUrl();

  /** The nonce the hub's operator signs into its next URL update (P4). */
  long nextHermesUrlNonce();

  /**
   * The consumer channel (top-up) address of an identity at the deployment's hub, from the
   * Registry.
   */
  Address consumerChannelAddress(Address identity);

  /** The hub fee the contract charges on a provider settlement of {@code amount}. */
  TokenAmount hermesFee(TokenAmount amount);

  /**
   * The writer that sends from {@code sender}'s account. Writers of one account share its nonce
   * sequence, so ask once per key and keep it; the key stays inside the writer.
   */
  ChainWriter writer(PrivateKey sender);

  @Override
  void close();
}
