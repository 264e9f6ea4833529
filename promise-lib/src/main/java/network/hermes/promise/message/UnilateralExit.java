package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * P11 (this project's addition): a consumer starts a time-locked exit from its channel without the
 * hub's co-signature, so that funds are never hostage to the hub. Signed by the channel identity.
 *
 * @param chainId the chain
 * @param channel the consumer channel contract
 * @param beneficiary where the funds go when the exit is finalised
 * @param validUntil unix time (seconds) after which the request is void
 * @param nonce the channel's current last nonce
 */
public record UnilateralExit(
    ChainId chainId, Address channel, Address beneficiary, BigInteger validUntil, BigInteger nonce)
    implements Signable {
  /** ASCII prefix of the preimage. */
  public static final String PREFIX = "Unilateral exit request:";

  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 160;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or a number is out of range
   */
  public UnilateralExit {
    required("chainId", chainId);
    required("channel", channel);
    required("beneficiary", beneficiary);
    uint256("validUntil", validUntil);
    uint256("nonce", nonce);
  }

  /**
   * {@code "Unilateral exit request:" ‖ pad32(chainId) ‖ channel(20) ‖ beneficiary(20) ‖
   * pad32(validUntil) ‖ pad32(nonce)}, 160 bytes.
   */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .ascii(PREFIX)
        .word(chainId.toBytes32())
        .address(channel)
        .address(beneficiary)
        .word(Bytes32.fromUint256(validUntil))
        .word(Bytes32.fromUint256(nonce))
        .toBytes();
  }
}
