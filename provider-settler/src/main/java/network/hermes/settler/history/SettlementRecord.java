package network.hermes.settler.history;

import java.time.Instant;
import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.settler.Route;
import network.hermes.settler.SettleKind;

/**
 * One settlement attempt as the history keeps it: what was planned before sending, and what the
 * chain's {@code PromiseSettled} event said once it was mined.
 *
 * @param id unique id of the attempt
 * @param startedAt when the attempt was recorded, before anything was sent
 * @param finishedAt when the outcome became known, or null while pending
 * @param chainId the chain
 * @param hermesId the hub contract
 * @param identity the identity whose channel is settled
 * @param channelId the channel settled
 * @param kind the settle variant
 * @param route who sent the transaction
 * @param promiseAmount the cumulative amount of the promise settled
 * @param settledBefore what the chain had settled on the channel before
 * @param toSettle what the contract was expected to settle (after its per-settlement cap)
 * @param hubFee the hub fee expected
 * @param transactorFee the promise's transactor fee (paid to whoever sent the transaction)
 * @param beneficiary where the payout goes (the hub contract for into-stake)
 * @param txHash the transaction hash once known, else null
 * @param jobId the relay job id for relayed settlements, else null
 * @param outcome where the attempt stands
 * @param sentToBeneficiary from the event: what the beneficiary (or the stake) received, else null
 * @param fees from the event: hub fee plus transactor fee taken, else null
 * @param error why it failed or is unknown, else null
 */
public record SettlementRecord(
    String id,
    Instant startedAt,
    Instant finishedAt,
    ChainId chainId,
    Address hermesId,
    Address identity,
    Bytes32 channelId,
    SettleKind kind,
    Route route,
    TokenAmount promiseAmount,
    TokenAmount settledBefore,
    TokenAmount toSettle,
    TokenAmount hubFee,
    TokenAmount transactorFee,
    Address beneficiary,
    String txHash,
    String jobId,
    Outcome outcome,
    TokenAmount sentToBeneficiary,
    TokenAmount fees,
    String error) {

  /** Where an attempt stands. */
  public enum Outcome {
    /** Recorded before sending; the transaction or relay job may be in flight. */
    PENDING,
    /** Mined, and its {@code PromiseSettled} event was found. */
    SETTLED,
    /** Refused by the relay or the chain, or reverted: nothing was paid. */
    FAILED,
    /** Interrupted before its transaction could be identified; the chain's counters tell. */
    UNKNOWN;

    /**
     * Whether the outcome is final.
     *
     * @return false only for {@link #PENDING}
     */
    public boolean isFinal() {
      return this != PENDING;
    }
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a required component is null
   */
  public SettlementRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(hermesId, "hermesId");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(promiseAmount, "promiseAmount");
    Objects.requireNonNull(settledBefore, "settledBefore");
    Objects.requireNonNull(toSettle, "toSettle");
    Objects.requireNonNull(hubFee, "hubFee");
    Objects.requireNonNull(transactorFee, "transactorFee");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(outcome, "outcome");
  }

  /**
   * The record once the transaction hash is known.
   *
   * @param hash the transaction hash
   * @return a copy with {@code txHash} set
   */
  public SettlementRecord withTxHash(String hash) {
    return progressed(finishedAt, hash, jobId, outcome, sentToBeneficiary, fees, error);
  }

  /**
   * The record once the relay queued the job.
   *
   * @param job the relay's queue id
   * @return a copy with {@code jobId} set
   */
  public SettlementRecord withJobId(String job) {
    return progressed(finishedAt, txHash, job, outcome, sentToBeneficiary, fees, error);
  }

  /**
   * The record of a settlement the chain confirmed.
   *
   * @param at when the event was read
   * @param hash the transaction that emitted it
   * @param sent what the event says the beneficiary received
   * @param takenFees what the event says was taken in fees
   * @return a copy with outcome {@link Outcome#SETTLED}
   */
  public SettlementRecord settled(
      Instant at, String hash, TokenAmount sent, TokenAmount takenFees) {
    return progressed(at, hash, jobId, Outcome.SETTLED, sent, takenFees, null);
  }

  /**
   * The record of an attempt that ended without a settlement.
   *
   * @param at when that became known
   * @param finalOutcome {@link Outcome#FAILED} or {@link Outcome#UNKNOWN}
   * @param reason why
   * @return a copy with the outcome and the reason
   */
  public SettlementRecord ended(Instant at, Outcome finalOutcome, String reason) {
    if (finalOutcome == Outcome.PENDING || finalOutcome == Outcome.SETTLED) {
      throw new IllegalArgumentException("use settled(...) for a settlement that happened");
    }
    return progressed(
        at, txHash, jobId, finalOutcome, null, null, Objects.requireNonNull(reason, "reason"));
  }

  /** A copy with what an attempt learns as it goes; what was planned stays as it was. */
  private SettlementRecord progressed(
      Instant finished,
      String hash,
      String job,
      Outcome state,
      TokenAmount sent,
      TokenAmount takenFees,
      String failure) {
    return new SettlementRecord(
        id,
        startedAt,
        finished,
        chainId,
        hermesId,
        identity,
        channelId,
        kind,
        route,
        promiseAmount,
        settledBefore,
        toSettle,
        hubFee,
        transactorFee,
        beneficiary,
        hash,
        job,
        state,
        sent,
        takenFees,
        failure);
  }
}
