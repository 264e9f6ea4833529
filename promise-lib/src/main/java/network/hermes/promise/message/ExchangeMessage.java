package network.hermes.promise.message;

import static network.hermes.promise.message.Fields.required;
import static network.hermes.promise.message.Fields.uint256;

import java.math.BigInteger;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * An exchange message: the consumer's signed envelope around a consumer promise, telling the hub
 * which provider and agreement the promise pays for. Off-chain only.
 *
 * @param promise the consumer promise, signed by the same consumer
 * @param agreementId the provider's per-session agreement id, a uint256
 * @param agreementTotal cumulative amount owed within this agreement
 * @param provider the provider being paid
 * @param hermesId the hub contract address; null for the legacy 148-byte preimage without it
 * @param chainId the chain of the exchange (the destination chain for a withdrawal)
 * @param signature the consumer's signature over {@link #hash()}
 */
public record ExchangeMessage(
    Promise promise,
    BigInteger agreementId,
    TokenAmount agreementTotal,
    Address provider,
    Address hermesId,
    ChainId chainId,
    Signature signature) {
  /** Length of {@link #preimage()} when the hub id is present. */
  public static final int PREIMAGE_LENGTH = 168;

  /** Length of {@link #preimage()} in the legacy form without hub id. */
  public static final int LEGACY_PREIMAGE_LENGTH = 148;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component other than {@code hermesId} is null, or the
   *     agreement id is outside {@code [0, 2^256-1]}
   */
  public ExchangeMessage {
    required("promise", promise);
    uint256("agreementId", agreementId);
    required("agreementTotal", agreementTotal);
    required("provider", provider);
    required("chainId", chainId);
    required("signature", signature);
  }

  /**
   * Starts a builder for a new exchange message.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code pad32(chainId) ‖ keccak256(promise preimage) ‖ pad32(agreementId) ‖
   * pad32(agreementTotal) ‖ provider(20) [‖ hermesId(20)]}: 168 bytes, or 148 without hub id.
   *
   * @return a fresh array
   */
  public byte[] preimage() {
    return preimage(promise, agreementId, agreementTotal, provider, hermesId, chainId);
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
   * Recovers who signed the exchange message (the consumer).
   *
   * @param secp256k1 the implementation to recover with
   * @return the signer's address
   * @throws InvalidSignatureException if the signature cannot be recovered
   */
  public Address recoverSigner(Secp256k1 secp256k1) {
    return secp256k1.recover(hash(), signature);
  }

  /**
   * Tells whether the exchange message was signed by {@code expected}.
   *
   * @param expected the expected signer
   * @param secp256k1 the implementation to recover with
   * @return true when the signature is valid and recovers to {@code expected}
   */
  public boolean isSignedBy(Address expected, Secp256k1 secp256k1) {
    return secp256k1.verify(hash(), signature, expected);
  }

  private static byte[] preimage(
      Promise promise,
      BigInteger agreementId,
      TokenAmount agreementTotal,
      Address provider,
      Address hermesId,
      ChainId chainId) {
    Packer packer =
        new Packer(hermesId == null ? LEGACY_PREIMAGE_LENGTH : PREIMAGE_LENGTH)
            .word(chainId.toBytes32())
            .word(promise.hash())
            .word(Bytes32.fromUint256(agreementId))
            .word(agreementTotal.toBytes32())
            .address(provider);
    if (hermesId != null) {
      packer.address(hermesId);
    }
    return packer.toBytes();
  }

  /** Collects the fields of an exchange message and signs it. */
  public static final class Builder {
    private Promise promise;
    private BigInteger agreementId;
    private TokenAmount agreementTotal;
    private Address provider;
    private Address hermesId;
    private ChainId chainId;

    private Builder() {}

    /**
     * Sets the consumer promise; also sets the chain id to the promise's unless set later.
     *
     * @param promise the signed consumer promise
     * @return this builder
     */
    public Builder promise(Promise promise) {
      this.promise = promise;
      if (chainId == null && promise != null) {
        chainId = promise.chainId();
      }
      return this;
    }

    /**
     * Sets the agreement id.
     *
     * @param agreementId a uint256
     * @return this builder
     */
    public Builder agreementId(BigInteger agreementId) {
      this.agreementId = agreementId;
      return this;
    }

    /**
     * Sets the cumulative total of the agreement.
     *
     * @param agreementTotal the total
     * @return this builder
     */
    public Builder agreementTotal(TokenAmount agreementTotal) {
      this.agreementTotal = agreementTotal;
      return this;
    }

    /**
     * Sets the provider.
     *
     * @param provider the provider identity
     * @return this builder
     */
    public Builder provider(Address provider) {
      this.provider = provider;
      return this;
    }

    /**
     * Sets the hub id; leave unset (null) only to produce the legacy form.
     *
     * @param hermesId the hub contract address
     * @return this builder
     */
    public Builder hermesId(Address hermesId) {
      this.hermesId = hermesId;
      return this;
    }

    /**
     * Sets the chain id of the exchange.
     *
     * @param chainId the chain
     * @return this builder
     */
    public Builder chainId(ChainId chainId) {
      this.chainId = chainId;
      return this;
    }

    /**
     * Signs the exchange message.
     *
     * @param signer the consumer
     * @return the signed exchange message
     * @throws IllegalArgumentException if a required field is missing or out of range
     */
    public ExchangeMessage sign(Signer signer) {
      required("promise", promise);
      uint256("agreementId", agreementId);
      required("agreementTotal", agreementTotal);
      required("provider", provider);
      required("chainId", chainId);
      required("signer", signer);
      byte[] preimage = preimage(promise, agreementId, agreementTotal, provider, hermesId, chainId);
      Signature signature = signer.sign(Keccak.hash(preimage));
      return new ExchangeMessage(
          promise, agreementId, agreementTotal, provider, hermesId, chainId, signature);
    }
  }
}
