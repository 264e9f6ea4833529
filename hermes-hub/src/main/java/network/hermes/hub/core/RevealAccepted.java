package network.hermes.hub.core;

import java.util.Objects;

/** A revealed R: the provider channel marked revealed, and R stored against its hashlock. */
public record RevealAccepted(ProviderState provider, String hashlock, String r) {
  public RevealAccepted {
    Objects.requireNonNull(provider);
    Objects.requireNonNull(hashlock);
    Objects.requireNonNull(r);
  }
}
