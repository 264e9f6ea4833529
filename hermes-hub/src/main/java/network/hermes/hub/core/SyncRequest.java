package network.hermes.hub.core;

import java.util.Objects;

/**
 * A parsed {@code provider/sync_promise}.
 *
 * @param authSigner address recovered from the Authorization header
 * @param promiseSigner address recovered from the promise signature
 */
public record SyncRequest(HubPromise promise, String authSigner, String promiseSigner) {
  public SyncRequest {
    Objects.requireNonNull(promise);
    Objects.requireNonNull(authSigner);
    Objects.requireNonNull(promiseSigner);
  }
}
