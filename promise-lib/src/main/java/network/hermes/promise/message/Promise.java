package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;

import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * A signed promise (cheque): the content of an {@link UnsignedPromise}, its signature, and
 * optionally the secret R that unlocks it.
 *
 * @param chainId the chain the promise is for
 * @param channelId consumer channel address left-padded to 32 bytes, or provider channel id
 * @param amount the cumulative amount
 * @param fee the transactor fee
 * @param hashlock {@code keccak256(R)}
 * @param r the secret R when known, else null; it is not part of the signed preimage
 * @param signature the signature over {@link #hash()}, as received (any v byte)
 */
public record Promise(
    ChainId chainId,
    Bytes32 channelId,
    TokenAmount amount,
    TokenAmount fee,
    Bytes32 hashlock,
    Bytes32 r,
    Signature signature) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if any component other than {@code r} is null
   */
  public Promise {
    required("chainId", chainId);
    required("channelId", channelId);
    required("amount", amount);
    required("fee", fee);
    required("hashlock", hashlock);
    required("signature", signature);
  }

  /**
   * The signed content.
   *
   * @return the promise without signature and R
   */
  public UnsignedPromise unsigned() {
    return new UnsignedPromise(chainId, channelId, amount, fee, hashlock);
  }

  /**
   * The 160-byte preimage, see {@link UnsignedPromise#preimage()}.
   *
   * @return a fresh array
   */
  public byte[] preimage() {
    return unsigned().preimage();
  }

  /**
   * The signed digest.
   *
   * @return {@code keccak256(preimage())}
   */
  public Bytes32 hash() {
    return unsigned().hash();
  }

  /**
   * Recovers the signer.
   *
   * @param secp256k1 the implementation to recover with
   * @return the address that signed the promise
   * @throws InvalidSignatureException if the signature cannot be recovered
   */
  public Address recoverSigner(Secp256k1 secp256k1) {
    return secp256k1.recover(hash(), signature);
  }

  /**
   * Tells whether the promise was signed by {@code expected}.
   *
   * @param expected the expected signer
   * @param secp256k1 the implementation to recover with
   * @return true when the signature is valid and recovers to {@code expected}
   */
  public boolean isSignedBy(Address expected, Secp256k1 secp256k1) {
    return secp256k1.verify(hash(), signature, expected);
  }

  /**
   * Tells whether the channel id is a left-padded 20-byte address (12 leading zero bytes), which
   * marks a consumer promise; a provider channel id is a full 32-byte hash.
   *
   * @return true for a consumer promise
   */
  public boolean hasConsumerChannel() {
    return channelId.hasLeadingZeroBytes(12);
  }

  /**
   * Attaches the secret R.
   *
   * @param r the secret, or null to drop it
   * @return a copy of this promise with R set
   */
  public Promise withR(Bytes32 r) {
    return new Promise(chainId, channelId, amount, fee, hashlock, r, signature);
  }

  /**
   * Tells whether R is present and unlocks the hashlock.
   *
   * @return true when {@code keccak256(r) == hashlock}
   */
  public boolean rMatchesHashlock() {
    return r != null && HashlockSecret.of(r).hashlock().equals(hashlock);
  }
}
