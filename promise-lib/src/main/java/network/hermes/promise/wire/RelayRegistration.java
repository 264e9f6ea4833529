package network.hermes.promise.wire;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * Body of {@code POST identity/register}: {@code {"registryAddress","hermesID","stake","fee",
 * "beneficiary","signature","identity","chainID"}}, a registration (P1) signed by the identity.
 *
 * @param chainId the chain
 * @param registry the Registry contract
 * @param hermesId the hub contract the identity registers with
 * @param stake the provider stake to open with (0 for a consumer)
 * @param fee the relay's fee, taken from the channel at registration
 * @param beneficiary the payout address ({@link Address#ZERO} for the channel itself)
 * @param signature the identity's P1 signature
 * @param identity the identity
 */
public record RelayRegistration(
    ChainId chainId,
    Address registry,
    Address hermesId,
    TokenAmount stake,
    TokenAmount fee,
    Address beneficiary,
    Signature signature,
    Address identity)
    implements RelayRequest {
  /** The endpoint path. */
  public static final String PATH = "identity/register";

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public RelayRegistration {
    if (chainId == null
        || registry == null
        || hermesId == null
        || stake == null
        || fee == null
        || beneficiary == null
        || signature == null
        || identity == null) {
      throw new IllegalArgumentException("relay registration: fields must not be null");
    }
  }

  @Override
  public String path() {
    return PATH;
  }
}
