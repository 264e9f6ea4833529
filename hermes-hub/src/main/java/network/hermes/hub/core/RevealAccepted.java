package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.value.Bytes32;

/** A revealed R: the provider channel marked revealed, and R stored against its hashlock. */
public record RevealAccepted(ProviderState provider, Bytes32 hashlock, Bytes32 r) {
  public RevealAccepted {
    Objects.requireNonNull(provider);
    Objects.requireNonNull(hashlock);
    Objects.requireNonNull(r);
  }
}
