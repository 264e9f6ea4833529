package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;

import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;

/**
 * The signed content of a promise (preimages P5/P6): a cumulative cheque of {@code amount} wei on
 * one channel, locked by {@code hashlock}, of which {@code fee} goes to whoever settles it.
 *
 * @param chainId the chain the promise is for
 * @param channelId the consumer channel address left-padded to 32 bytes, or the 32-byte provider
 *     channel id
 * @param amount the cumulative amount, lifetime total of the channel
 * @param fee the transactor fee paid to the settler
 * @param hashlock {@code keccak256(R)}
 */
public record UnsignedPromise(
    ChainId chainId, Bytes32 channelId, TokenAmount amount, TokenAmount fee, Bytes32 hashlock) {
  /** Length of {@link #preimage()}. */
  public static final int PREIMAGE_LENGTH = 160;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if any component is null
   */
  public UnsignedPromise {
    required("chainId", chainId);
    required("channelId", channelId);
    required("amount", amount);
    required("fee", fee);
    required("hashlock", hashlock);
  }

  /**
   * A consumer promise (consumer to hub, P5): the channel id is the consumer channel address.
   *
   * @param chainId the chain
   * @param channel the consumer channel address, left-padded to 32 bytes in the preimage
   * @param amount the cumulative amount
   * @param fee the transactor fee, normally zero
   * @param hashlock the hashlock from the provider's invoice
   * @return the unsigned promise
   * @throws IllegalArgumentException if any argument is null
   */
  public static UnsignedPromise forConsumerChannel(
      ChainId chainId, Address channel, TokenAmount amount, TokenAmount fee, Bytes32 hashlock) {
    return new UnsignedPromise(
        chainId, required("channel", channel).toBytes32(), amount, fee, hashlock);
  }

  /**
   * A provider promise (hub to provider, P6): the channel id is {@code keccak(provider ‖ hermes)}.
   *
   * @param chainId the chain
   * @param providerChannelId the provider channel id
   * @param amount the cumulative amount
   * @param fee the transactor fee for settling
   * @param hashlock the hashlock of the consumer promise it mirrors
   * @return the unsigned promise
   * @throws IllegalArgumentException if any argument is null
   */
  public static UnsignedPromise forProviderChannel(
      ChainId chainId,
      Bytes32 providerChannelId,
      TokenAmount amount,
      TokenAmount fee,
      Bytes32 hashlock) {
    return new UnsignedPromise(chainId, providerChannelId, amount, fee, hashlock);
  }

  /**
   * {@code pad32(chainId) ‖ channelId ‖ pad32(amount) ‖ pad32(fee) ‖ hashlock}, 160 bytes.
   *
   * @return a fresh array
   */
  public byte[] preimage() {
    return new Packer(PREIMAGE_LENGTH)
        .word(chainId.toBytes32())
        .word(channelId)
        .word(amount.toBytes32())
        .word(fee.toBytes32())
        .word(hashlock)
        .toBytes();
  }

  /**
   * The signed digest.
   *
   * @return {@code keccak256(preimage())}
   */
  public Bytes32 hash() {
    return Keccak.hash(preimage());
  }

  /**
   * Signs the promise.
   *
   * @param signer the channel identity (consumer promise) or the hub operator (provider promise)
   * @return the signed promise, without R
   */
  public Promise sign(Signer signer) {
    return new Promise(
        chainId, channelId, amount, fee, hashlock, null, required("signer", signer).sign(hash()));
  }
}
