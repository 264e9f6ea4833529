package network.hermes.promise.wire;

import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * Body of {@code POST provider/sync_promise}, a provider's stored hub promise in hex form: {@code
 * {"channel_id","chain_id","amount","fee","hashlock","signature"}}.
 *
 * @param channelId the provider channel id
 * @param chainId the chain
 * @param amount the cumulative amount
 * @param fee the transactor fee
 * @param hashlock the hashlock
 * @param signature the hub operator's signature
 */
public record SyncPromiseRequest(
    Bytes32 channelId,
    ChainId chainId,
    TokenAmount amount,
    TokenAmount fee,
    Bytes32 hashlock,
    Signature signature) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is null
   */
  public SyncPromiseRequest {
    if (channelId == null
        || chainId == null
        || amount == null
        || fee == null
        || hashlock == null
        || signature == null) {
      throw new IllegalArgumentException("sync_promise: fields must not be null");
    }
  }

  /**
   * The request for a stored promise.
   *
   * @param promise the provider's latest hub promise
   * @return the request
   */
  public static SyncPromiseRequest of(Promise promise) {
    return new SyncPromiseRequest(
        promise.channelId(),
        promise.chainId(),
        promise.amount(),
        promise.fee(),
        promise.hashlock(),
        promise.signature());
  }

  /**
   * The promise the request carries.
   *
   * @return the promise, without R
   */
  public Promise toPromise() {
    return new Promise(chainId, channelId, amount, fee, hashlock, null, signature);
  }
}
