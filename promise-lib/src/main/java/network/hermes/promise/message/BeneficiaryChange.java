package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * P3, {@code Registry.setBeneficiary} and {@code settleWithBeneficiary}: the identity names a new
 * payout address. Signed by the identity.
 *
 * @param chainId the chain
 * @param registry the root registry contract
 * @param identity the identity whose beneficiary changes
 * @param beneficiary the new beneficiary
 * @param nonce the registry's last nonce for the identity plus one
 */
public record BeneficiaryChange(
    ChainId chainId, Address registry, Address identity, Address beneficiary, BigInteger nonce)
    implements Signable {
  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 124;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the nonce is out of range
   */
  public BeneficiaryChange {
    required("chainId", chainId);
    required("registry", registry);
    required("identity", identity);
    required("beneficiary", beneficiary);
    uint256("nonce", nonce);
  }

  /**
   * {@code pad32(chainId) ‖ registry(20) ‖ identity(20) ‖ beneficiary(20) ‖ pad32(nonce)}, 124
   * bytes.
   */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .word(chainId.toBytes32())
        .address(registry)
        .address(identity)
        .address(beneficiary)
        .word(Bytes32.fromUint256(nonce))
        .toBytes();
  }
}
