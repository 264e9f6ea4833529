package network.hermes.hub.core;

import java.util.Objects;

/**
 * A parsed {@code refresh_promise}.
 *
 * @param authSigner address recovered from the Authorization header
 * @param identity the provider identity named in the body
 */
public record RefreshRequest(
    long chainId, String identity, String authSigner, String hashlock, String rRecoveryData) {
  public RefreshRequest {
    Objects.requireNonNull(identity);
    Objects.requireNonNull(authSigner);
    Objects.requireNonNull(hashlock);
  }
}
