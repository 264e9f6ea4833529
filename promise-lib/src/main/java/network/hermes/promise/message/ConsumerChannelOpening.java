package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * P2, {@code Registry.openConsumerChannel}: an already registered identity opens a consumer channel
 * with another hub. Signed by the identity.
 *
 * @param chainId the chain
 * @param registry the registry contract
 * @param hermesId the hub to open the channel with
 * @param transactorFee the fee for the relayer
 */
public record ConsumerChannelOpening(
    ChainId chainId, Address registry, Address hermesId, TokenAmount transactorFee)
    implements Signable {
  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 104;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public ConsumerChannelOpening {
    required("chainId", chainId);
    required("registry", registry);
    required("hermesId", hermesId);
    required("transactorFee", transactorFee);
  }

  /** {@code pad32(chainId) ‖ registry(20) ‖ hermesId(20) ‖ pad32(transactorFee)}, 104 bytes. */
  @Override
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .word(chainId.toBytes32())
        .address(registry)
        .address(hermesId)
        .word(transactorFee.toBytes32())
        .toBytes();
  }
}
