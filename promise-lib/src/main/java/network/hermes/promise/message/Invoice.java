package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * A provider's request for payment. Not signed: the session channel authenticates it, and the
 * consumer checks that {@code provider} is its peer.
 *
 * @param agreementId the per-session agreement id, a uint256
 * @param agreementTotal cumulative amount owed within the agreement
 * @param transactorFee fee to put into the promise, zero in current practice
 * @param hashlock {@code keccak256(R)} for a fresh R
 * @param provider the provider identity
 * @param chainId the chain to pay on
 */
public record Invoice(
    BigInteger agreementId,
    TokenAmount agreementTotal,
    TokenAmount transactorFee,
    Bytes32 hashlock,
    Address provider,
    ChainId chainId) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the agreement id is out of range
   */
  public Invoice {
    uint256("agreementId", agreementId);
    required("agreementTotal", agreementTotal);
    required("transactorFee", transactorFee);
    required("hashlock", hashlock);
    required("provider", provider);
    required("chainId", chainId);
  }

  /**
   * The hashlock as invoices carry it on the wire: 64 lowercase hex digits without {@code 0x}.
   *
   * @return the hex text
   */
  public String hashlockHex() {
    return hashlock.toHexNoPrefix();
  }
}
