package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * A parsed {@code refresh_promise}.
 *
 * @param authSigner address recovered from the Authorization header
 * @param identity the provider identity named in the body
 */
public record RefreshRequest(
    ChainId chainId, Address identity, Address authSigner, Bytes32 hashlock, String rRecoveryData) {
  public RefreshRequest {
    Objects.requireNonNull(chainId);
    Objects.requireNonNull(identity);
    Objects.requireNonNull(authSigner);
    Objects.requireNonNull(hashlock);
  }
}
