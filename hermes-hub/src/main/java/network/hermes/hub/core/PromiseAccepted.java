package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.TokenAmount;

/**
 * An accepted promise request: the next states to persist (all of them in one transaction) and the
 * hub promise to sign once they have committed.
 *
 * @param replay true when this is the identical retry of an already accepted exchange; nothing
 *     changes and the stored promise is answered again
 */
public record PromiseAccepted(
    ConsumerState consumer,
    ProviderState provider,
    TokenAmount agreementTotal,
    IssuedPromise issued,
    UnsignedPromise promise,
    boolean replay) {
  public PromiseAccepted {
    Objects.requireNonNull(promise);
  }

  public static PromiseAccepted replayOf(IssuedPromise issued) {
    return new PromiseAccepted(null, null, null, null, issued.hubPromise(), true);
  }
}
