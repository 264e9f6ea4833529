package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * P10, {@code Hermes.decreaseStake}: a provider takes back part of its stake. Signed by the
 * provider identity.
 *
 * @param chainId the chain
 * @param channelId the provider channel id
 * @param amount the stake to return
 * @param transactorFee the fee for the relayer
 * @param nonce the channel's last used nonce plus one
 */
public record StakeReturn(
    ChainId chainId,
    Bytes32 channelId,
    TokenAmount amount,
    TokenAmount transactorFee,
    BigInteger nonce)
    implements Signable {
  /** ASCII prefix of the preimage. */
  public static final String PREFIX = "Stake return request";

  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 180;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the nonce is out of range
   */
  public StakeReturn {
    required("chainId", chainId);
    required("channelId", channelId);
    required("amount", amount);
    required("transactorFee", transactorFee);
    uint256("nonce", nonce);
  }

  /**
   * {@code "Stake return request" ‖ pad32(chainId) ‖ channelId ‖ pad32(amount) ‖
   * pad32(transactorFee) ‖ pad32(nonce)}, 180 bytes.
   */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .ascii(PREFIX)
        .word(chainId.toBytes32())
        .word(channelId)
        .word(amount.toBytes32())
        .word(transactorFee.toBytes32())
        .word(Bytes32.fromUint256(nonce))
        .toBytes();
  }
}
