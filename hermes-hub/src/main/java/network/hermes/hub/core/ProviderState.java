package network.hermes.hub.core;

import java.util.Objects;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The hub's latest promise on one provider channel (earnings or withdrawal) and its reveal status.
 *
 * @param amount cumulative amount of the latest hub promise (zero before the first)
 * @param fee transactor fee of the latest hub promise
 * @param hashlock hashlock of the latest hub promise, null before the first
 * @param revealed whether the R of {@code hashlock} has been revealed to the hub
 * @param rRecoveryData the encrypted R the provider sent with the latest request, or null
 */
public record ProviderState(
    ChainId chainId,
    Bytes32 channelId,
    Address provider,
    ChannelKind kind,
    TokenAmount amount,
    TokenAmount fee,
    Bytes32 hashlock,
    boolean revealed,
    String rRecoveryData) {
  public ProviderState {
    Objects.requireNonNull(chainId);
    Objects.requireNonNull(channelId);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(amount);
    Objects.requireNonNull(fee);
  }

  public static ProviderState empty(
      ChainId chainId, Bytes32 channelId, Address provider, ChannelKind kind) {
    return new ProviderState(
        chainId, channelId, provider, kind, TokenAmount.ZERO, TokenAmount.ZERO, null, true, null);
  }

  /** The channel with a new latest promise whose R the hub does not know yet. */
  public ProviderState withPromise(
      TokenAmount amount, TokenAmount fee, Bytes32 hashlock, String rRecoveryData) {
    return new ProviderState(
        chainId, channelId, provider, kind, amount, fee, hashlock, false, rRecoveryData);
  }

  /** The latest promise with its R revealed. */
  public ProviderState asRevealed() {
    return new ProviderState(
        chainId, channelId, provider, kind, amount, fee, hashlock, true, rRecoveryData);
  }

  /** The latest promise with another transactor fee. */
  public ProviderState withFee(TokenAmount fee) {
    return new ProviderState(
        chainId, channelId, provider, kind, amount, fee, hashlock, revealed, rRecoveryData);
  }

  /** A promise was issued whose R the hub does not know yet. */
  public boolean pendingReveal() {
    return hashlock != null && !revealed;
  }

  public boolean hasPromise() {
    return hashlock != null;
  }

  /** The hub's latest promise on the channel, to be signed (its state has committed). */
  public UnsignedPromise promise() {
    return UnsignedPromise.forProviderChannel(chainId, channelId, amount, fee, hashlock);
  }
}
