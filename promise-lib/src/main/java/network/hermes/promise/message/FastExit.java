package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * P7, {@code Channel.fastExit}: a cooperative withdrawal from a consumer channel. The same digest
 * is signed by the channel identity and by the hub operator.
 *
 * @param chainId the chain
 * @param channel the consumer channel contract
 * @param amount the amount to withdraw, fee included
 * @param transactorFee the fee for the relayer
 * @param beneficiary where the funds go
 * @param validUntil unix time (seconds) after which the request is void
 * @param nonce the channel's current last nonce
 */
public record FastExit(
    ChainId chainId,
    Address channel,
    TokenAmount amount,
    TokenAmount transactorFee,
    Address beneficiary,
    BigInteger validUntil,
    BigInteger nonce)
    implements Signable {
  /** ASCII prefix of the preimage. */
  public static final String PREFIX = "Exit request:";

  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 237;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or a number is out of range
   */
  public FastExit {
    required("chainId", chainId);
    required("channel", channel);
    required("amount", amount);
    required("transactorFee", transactorFee);
    required("beneficiary", beneficiary);
    uint256("validUntil", validUntil);
    uint256("nonce", nonce);
  }

  /**
   * {@code "Exit request:" ‖ pad32(chainId) ‖ pad32(channel) ‖ pad32(amount) ‖ pad32(transactorFee)
   * ‖ pad32(beneficiary) ‖ pad32(validUntil) ‖ pad32(nonce)}, 237 bytes.
   */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .ascii(PREFIX)
        .word(chainId.toBytes32())
        .word(channel.toBytes32())
        .word(amount.toBytes32())
        .word(transactorFee.toBytes32())
        .word(beneficiary.toBytes32())
        .word(Bytes32.fromUint256(validUntil))
        .word(Bytes32.fromUint256(nonce))
        .toBytes();
  }
}
