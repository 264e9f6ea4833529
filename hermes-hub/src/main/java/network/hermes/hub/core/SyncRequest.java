package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;

/**
 * A parsed {@code provider/sync_promise}.
 *
 * @param authSigner address recovered from the Authorization header
 * @param promiseSigner address recovered from the promise signature
 */
public record SyncRequest(UnsignedPromise promise, Address authSigner, Address promiseSigner) {
  public SyncRequest {
    Objects.requireNonNull(promise);
    Objects.requireNonNull(authSigner);
    Objects.requireNonNull(promiseSigner);
  }
}
