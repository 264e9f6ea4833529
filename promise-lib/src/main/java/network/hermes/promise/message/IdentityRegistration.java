package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * P1, {@code Registry.registerIdentity}: the identity asks to be registered with a hub, optionally
 * staking as a provider, paying {@code transactorFee} to the relayer. Signed by the identity.
 *
 * @param chainId the chain
 * @param registry the registry contract
 * @param hermesId the hub contract
 * @param stake the provider stake, zero for consumers
 * @param transactorFee the fee for the relayer
 * @param beneficiary where earnings are paid
 */
public record IdentityRegistration(
    ChainId chainId,
    Address registry,
    Address hermesId,
    TokenAmount stake,
    TokenAmount transactorFee,
    Address beneficiary)
    implements Signable {
  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 156;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public IdentityRegistration {
    required("chainId", chainId);
    required("registry", registry);
    required("hermesId", hermesId);
    required("stake", stake);
    required("transactorFee", transactorFee);
    required("beneficiary", beneficiary);
  }

  /**
   * {@code pad32(chainId) ‖ registry(20) ‖ hermesId(20) ‖ pad32(stake) ‖ pad32(transactorFee) ‖
   * beneficiary(20)}, 156 bytes.
   */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .word(chainId.toBytes32())
        .address(registry)
        .address(hermesId)
        .word(stake.toBytes32())
        .word(transactorFee.toBytes32())
        .address(beneficiary)
        .toBytes();
  }
}
