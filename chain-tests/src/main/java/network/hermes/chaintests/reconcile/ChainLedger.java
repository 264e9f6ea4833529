package network.hermes.chaintests.reconcile;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * What the chain says about one deployment at one block: the state read at {@code toBlock} next to
 * the event history from {@code fromBlock} (the deployment's first block) up to it, so that the two
 * can be held against each other.
 *
 * @param chainId the chain
 * @param hermesId the hub contract
 * @param fromBlock first block of the history (the deployment's)
 * @param toBlock the block the state was read at, last block of the history
 * @param consumers the consumer channels checked
 * @param providers the provider channels checked (earnings and withdrawal channels)
 * @param hub the hub contract's money
 * @param token the MYST token's supply and the system's holders
 */
public record ChainLedger(
    ChainId chainId,
    Address hermesId,
    long fromBlock,
    long toBlock,
    List<Consumer> consumers,
    List<ProviderChannel> providers,
    HubContract hub,
    Token token) {
  public ChainLedger {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(hermesId, "hermesId");
    consumers = List.copyOf(consumers);
    providers = List.copyOf(providers);
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(token, "token");
  }

  /**
   * A consumer channel.
   *
   * @param identity the owner
   * @param channel the channel (top-up) address
   * @param balance its MYST balance
   * @param settled the cumulative amount its contract says it settled to the hub
   * @param settledByEvents the sum of its {@code PromiseSettled} events
   * @param settlementTransfers MYST that left the channel in the transactions of those events
   * @param settlementTransfersToHub the part of that which went to the hub contract
   * @param withdrawn the sum of its {@code Withdraw} events (exits)
   * @param exitPending whether a unilateral exit waits for its time lock
   */
  public record Consumer(
      Address identity,
      Address channel,
      TokenAmount balance,
      TokenAmount settled,
      TokenAmount settledByEvents,
      TokenAmount settlementTransfers,
      TokenAmount settlementTransfersToHub,
      TokenAmount withdrawn,
      boolean exitPending) {}

  /** Which of a provider's two channels at the hub contract. */
  public enum Kind {
    /** Earnings from consumers ({@code keccak(identity ‖ hub)}). */
    EARNINGS,
    /** The identity's own withdrawals ({@code keccak(identity ‖ hub ‖ "withdrawal")}). */
    WITHDRAWAL
  }

  /**
   * A provider channel at the hub contract.
   *
   * @param identity the provider
   * @param kind earnings or withdrawal
   * @param channelId its id
   * @param settled the cumulative amount the contract says it settled
   * @param stake its stake
   * @param settlements how many {@code PromiseSettled} events it has
   * @param settledByEvents their sum of payout and fees
   * @param payouts the payouts of those events sent to a beneficiary
   * @param stakedPayouts the payouts kept as stake ({@code settleIntoStake})
   * @param fees their fees (hub fee and transactor fee)
   * @param payoutTransfers MYST the hub contract sent to those beneficiaries in those transactions
   */
  public record ProviderChannel(
      Address identity,
      Kind kind,
      Bytes32 channelId,
      TokenAmount settled,
      TokenAmount stake,
      int settlements,
      TokenAmount settledByEvents,
      TokenAmount payouts,
      TokenAmount stakedPayouts,
      TokenAmount fees,
      TokenAmount payoutTransfers) {}

  /**
   * A MYST transfer into (positive) or out of (negative) the hub contract that is neither a
   * consumer settlement nor a provider payout: floats, stakes, withdrawals by the owner.
   *
   * @param txHash the transaction
   * @param block its block
   * @param counterparty who sent or received it
   * @param amount signed wei, positive into the hub contract
   */
  public record Flow(Bytes32 txHash, long block, Address counterparty, BigInteger amount) {}

  /**
   * The hub contract's MYST.
   *
   * @param balanceBefore its balance before {@code fromBlock}
   * @param balanceAfter its balance at {@code toBlock}
   * @param availableBalance what it can pay providers from now (balance minus locked stakes)
   * @param transfersIn every transfer into it in the history
   * @param transfersOut every transfer out of it in the history
   * @param consumerSettlementsIn transfers into it in transactions that settled consumer promises
   * @param providerPayoutsOut transfers out of it in transactions that settled provider promises
   * @param transactorFees the part of those that did not go to the providers' beneficiaries
   * @param otherFlows every other transfer
   */
  public record HubContract(
      TokenAmount balanceBefore,
      TokenAmount balanceAfter,
      TokenAmount availableBalance,
      TokenAmount transfersIn,
      TokenAmount transfersOut,
      TokenAmount consumerSettlementsIn,
      TokenAmount providerPayoutsOut,
      TokenAmount transactorFees,
      List<Flow> otherFlows) {
    public HubContract {
      otherFlows = List.copyOf(otherFlows);
    }

    /** Sum of the other flows, signed. */
    public BigInteger otherNet() {
      return otherFlows.stream().map(Flow::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }
  }

  /**
   * An address of the system (hub contract, consumer channel, beneficiary) and its MYST.
   *
   * @param address the holder
   * @param role what it is, for the report
   * @param before its balance before {@code fromBlock}
   * @param after its balance at {@code toBlock}
   * @param received the transfers to it in the history
   * @param sent the transfers from it in the history
   */
  public record Holder(
      Address address,
      String role,
      TokenAmount before,
      TokenAmount after,
      TokenAmount received,
      TokenAmount sent) {}

  /**
   * The MYST token.
   *
   * @param supplyBefore total supply before {@code fromBlock}
   * @param supplyAfter total supply at {@code toBlock}
   * @param minted transfers from the zero address in the history
   * @param burned transfers to the zero address in the history
   * @param holders the system's addresses
   */
  public record Token(
      TokenAmount supplyBefore,
      TokenAmount supplyAfter,
      TokenAmount minted,
      TokenAmount burned,
      List<Holder> holders) {
    public Token {
      holders = List.copyOf(holders);
    }
  }
}
