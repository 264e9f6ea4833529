package network.hermes.promise.wire;

import java.math.BigInteger;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * A hub promise (P6, signed by the hub's operator) for the relay to settle: upstream's {@code
 * PromiseSettlementRequest} {@code {"hermesID","channelID","amount","fee","preimage","signature",
 * "providerID","chainID"}}, plus the beneficiary fields of its variants. The promise's fee pays the
 * relay.
 *
 * @param kind which settlement, and so which endpoint
 * @param chainId the chain
 * @param hermesId the hub contract
 * @param channelId the provider (or withdrawal) channel id the promise is drawn on
 * @param amount the promise's cumulative amount
 * @param fee the promise's fee, the relay's pay
 * @param r the preimage of the promise's hashlock
 * @param signature the hub operator's signature of the promise
 * @param identity the provider identity
 * @param beneficiary {@link Kind#SETTLE_WITH_BENEFICIARY}: the new beneficiary; {@link
 *     Kind#PAY_AND_SETTLE}: where the withdrawal goes; otherwise null
 * @param beneficiarySignature the identity's P3 (with beneficiary) or P9 (pay and settle)
 *     signature, otherwise null
 * @param nonce {@link Kind#SETTLE_WITH_BENEFICIARY}: the P3 nonce, otherwise null
 * @param registry {@link Kind#SETTLE_WITH_BENEFICIARY}: the Registry contract (informational on the
 *     wire), otherwise null
 */
public record RelaySettlement(
    Kind kind,
    ChainId chainId,
    Address hermesId,
    Bytes32 channelId,
    TokenAmount amount,
    TokenAmount fee,
    Bytes32 r,
    Signature signature,
    Address identity,
    Address beneficiary,
    Signature beneficiarySignature,
    BigInteger nonce,
    Address registry)
    implements RelayRequest {
  /** The settlement variants, each its own endpoint. */
  public enum Kind {
    /** Pays the earnings to the identity's registered beneficiary. */
    SETTLE_AND_REBALANCE("identity/settle_and_rebalance"),
    /** Sets a new beneficiary (P3) and pays to it, in one transaction. */
    SETTLE_WITH_BENEFICIARY("identity/settle_with_beneficiary"),
    /** Adds the earnings to the provider's stake. */
    SETTLE_INTO_STAKE("identity/settle/into_stake"),
    /** A withdrawal-channel promise paid to a beneficiary the identity authorised (P9). */
    PAY_AND_SETTLE("identity/pay_and_settle");

    private final String path;

    Kind(String path) {
      this.path = path;
    }

    /**
     * The endpoint path.
     *
     * @return the path below {@code /api/v1/transactor/}
     */
    public String path() {
      return path;
    }
  }

  /**
   * Validates the components and that exactly the fields of {@code kind} are given.
   *
   * @throws IllegalArgumentException if a required component is null, or a variant's field is given
   *     to another variant
   */
  public RelaySettlement {
    if (kind == null
        || chainId == null
        || hermesId == null
        || channelId == null
        || amount == null
        || fee == null
        || r == null
        || signature == null
        || identity == null) {
      throw new IllegalArgumentException("relay settlement: fields must not be null");
    }
    boolean withBeneficiary = kind == Kind.SETTLE_WITH_BENEFICIARY;
    boolean payAndSettle = kind == Kind.PAY_AND_SETTLE;
    if ((withBeneficiary || payAndSettle)
        != (beneficiary != null && beneficiarySignature != null)) {
      throw new IllegalArgumentException(
          "relay settlement: beneficiary and its signature are for settle_with_beneficiary and"
              + " pay_and_settle only, and required there");
    }
    if (withBeneficiary != (nonce != null) || (!withBeneficiary && registry != null)) {
      throw new IllegalArgumentException(
          "relay settlement: nonce and registry are for settle_with_beneficiary only");
    }
    if (nonce != null && nonce.signum() < 0) {
      throw new IllegalArgumentException("relay settlement: nonce must not be negative");
    }
  }

  /**
   * A plain, into-stake or other variant without beneficiary fields, from a hub promise and its R.
   *
   * @param kind {@link Kind#SETTLE_AND_REBALANCE} or {@link Kind#SETTLE_INTO_STAKE}
   * @param hermesId the hub contract
   * @param identity the provider identity
   * @param promise the hub's signed promise
   * @param r the preimage of its hashlock
   * @return the request
   */
  public static RelaySettlement of(
      Kind kind, Address hermesId, Address identity, Promise promise, Bytes32 r) {
    return new RelaySettlement(
        kind,
        promise.chainId(),
        hermesId,
        promise.channelId(),
        promise.amount(),
        promise.fee(),
        r,
        promise.signature(),
        identity,
        null,
        null,
        null,
        null);
  }

  @Override
  public String path() {
    return kind.path();
  }
}
