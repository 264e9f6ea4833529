package network.hermes.promise.wire;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;

/**
 * Body of {@code POST refresh_promise}: {@code {"chain_id","identity","hashlock",
 * "r_recovery_data"}}.
 *
 * @param chainId the chain
 * @param identity the provider identity
 * @param hashlock the new hashlock
 * @param rRecoveryData the new R encrypted for the provider, hex without {@code 0x}
 */
public record RefreshPromiseRequest(
    ChainId chainId, Address identity, Bytes32 hashlock, String rRecoveryData) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null or the recovery data is not hex
   */
  public RefreshPromiseRequest {
    if (chainId == null || identity == null || hashlock == null || rRecoveryData == null) {
      throw new IllegalArgumentException("refresh_promise: fields must not be null");
    }
    if (!Hex.isHex(rRecoveryData)) {
      throw new IllegalArgumentException("r_recovery_data: expected hex digits without 0x");
    }
  }
}
