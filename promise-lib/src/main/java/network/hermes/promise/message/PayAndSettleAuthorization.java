package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * P9, {@code Hermes.payAndSettle}: the identity authorises paying a withdrawal-channel promise to a
 * beneficiary. Signed by the identity.
 *
 * @param chainId the chain
 * @param withdrawalChannelId {@code keccak(identity ‖ hermes ‖ "withdrawal")}
 * @param amount the promise amount
 * @param r the secret R of the promise (the preimage, not the hashlock)
 * @param beneficiary where the funds go
 */
public record PayAndSettleAuthorization(
    ChainId chainId,
    Bytes32 withdrawalChannelId,
    TokenAmount amount,
    Bytes32 r,
    Address beneficiary)
    implements Signable {
  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 148;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public PayAndSettleAuthorization {
    required("chainId", chainId);
    required("withdrawalChannelId", withdrawalChannelId);
    required("amount", amount);
    required("r", r);
    required("beneficiary", beneficiary);
  }

  /**
   * {@code pad32(chainId) ‖ withdrawalChannelId ‖ pad32(amount) ‖ R ‖ beneficiary(20)}, 148 bytes.
   */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .word(chainId.toBytes32())
        .word(withdrawalChannelId)
        .word(amount.toBytes32())
        .word(r)
        .address(beneficiary)
        .toBytes();
  }
}
