package network.hermes.promise.wire;

import java.math.BigInteger;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * Body of {@code POST stake/decrease}: {@code {"providerID","hermesID","chainID","amount",
 * "transactorFee","nonce","signature"}}, a stake return (P10) signed by the provider identity.
 *
 * @param chainId the chain
 * @param hermesId the hub contract holding the stake
 * @param identity the provider identity
 * @param amount how much stake to return
 * @param fee the relay's fee ({@code transactorFee} on the wire)
 * @param nonce the provider channel's last used nonce + 1
 * @param signature the identity's P10 signature
 */
public record RelayStakeDecrease(
    ChainId chainId,
    Address hermesId,
    Address identity,
    TokenAmount amount,
    TokenAmount fee,
    BigInteger nonce,
    Signature signature)
    implements RelayRequest {
  /** The endpoint path. */
  public static final String PATH = "stake/decrease";

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the nonce is negative
   */
  public RelayStakeDecrease {
    if (chainId == null
        || hermesId == null
        || identity == null
        || amount == null
        || fee == null
        || nonce == null
        || signature == null) {
      throw new IllegalArgumentException("relay stake decrease: fields must not be null");
    }
    if (nonce.signum() < 0) {
      throw new IllegalArgumentException("relay stake decrease: nonce must not be negative");
    }
  }

  @Override
  public String path() {
    return PATH;
  }
}
