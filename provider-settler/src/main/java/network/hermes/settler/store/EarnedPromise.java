package network.hermes.settler.store;

import java.util.Objects;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.settler.ChannelKind;

/**
 * A hub promise to an identity together with the R that unlocks it: everything needed to settle the
 * identity's channel at that hub. Only the latest one per channel matters (promises are
 * cumulative).
 *
 * @param hermesId the hub contract that owes the promise
 * @param identity the identity the channel belongs to
 * @param kind which of the identity's channels
 * @param promise the hub's signed promise, with its R
 */
public record EarnedPromise(Address hermesId, Address identity, ChannelKind kind, Promise promise) {
  /**
   * Validates that the promise is drawn on the identity's channel and carries its R.
   *
   * @throws IllegalArgumentException if a component is null, the promise is on another channel, or
   *     R is missing or does not unlock the hashlock
   */
  public EarnedPromise {
    Objects.requireNonNull(hermesId, "hermesId");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(promise, "promise");
    if (!promise.channelId().equals(kind.channelId(identity, hermesId))) {
      throw new IllegalArgumentException(
          "the promise is on channel "
              + promise.channelId()
              + ", not on the "
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + " channel of "
              + identity
              + " at "
              + hermesId);
    }
    if (!promise.rMatchesHashlock()) {
      throw new IllegalArgumentException(
          "the promise needs the R of its hashlock " + promise.hashlock());
    }
  }

  /**
   * The chain of the promise.
   *
   * @return its chain id
   */
  public ChainId chainId() {
    return promise.chainId();
  }

  /**
   * The channel the promise is drawn on.
   *
   * @return its channel id
   */
  public Bytes32 channelId() {
    return promise.channelId();
  }

  /**
   * The secret that unlocks the promise on chain.
   *
   * @return R
   */
  public Bytes32 r() {
    return promise.r();
  }
}
