package network.hermes.promise.verify;

import java.util.Objects;
import network.hermes.promise.crypto.InvalidSignatureException;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * Verifies a promise or an exchange message: signatures first, then the signer and the chain
 * against what the caller expects. Checks no balances or state: that is the hub's job.
 */
public final class ChequeVerifier {
  private final Secp256k1 secp256k1;

  /**
   * Creates a verifier.
   *
   * @param secp256k1 the implementation to recover signers with
   */
  public ChequeVerifier(Secp256k1 secp256k1) {
    this.secp256k1 = Objects.requireNonNull(secp256k1, "secp256k1");
  }

  /**
   * Verifies a promise.
   *
   * @param promise the promise
   * @param expect the expected signer and chain, each optional
   * @return the outcome, valid when the signature recovers and matches the expectations
   */
  public Verification verify(Promise promise, Expectations expect) {
    ChequeKind kind =
        promise.hasConsumerChannel() ? ChequeKind.CONSUMER_PROMISE : ChequeKind.PROVIDER_PROMISE;
    Address signer;
    try {
      signer = promise.recoverSigner(secp256k1);
    } catch (InvalidSignatureException e) {
      return new Verification(kind, null, null, Failure.INVALID_SIGNATURE, e.getMessage());
    }
    String mismatch = expectations(signer, promise.chainId(), null, expect);
    return mismatch == null
        ? new Verification(kind, signer, signer, null, null)
        : new Verification(kind, signer, signer, failureOf(signer, expect), mismatch);
  }

  /**
   * Verifies an exchange message and the promise inside it: both signatures must recover, to the
   * same signer.
   *
   * @param message the exchange message
   * @param expect the expected signer (the consumer) and chain, each optional; the chain must match
   *     both the message's and the promise's
   * @return the outcome
   */
  public Verification verify(ExchangeMessage message, Expectations expect) {
    ChequeKind kind = ChequeKind.EXCHANGE_MESSAGE;
    Address signer;
    try {
      signer = message.recoverSigner(secp256k1);
    } catch (InvalidSignatureException e) {
      return new Verification(kind, null, null, Failure.INVALID_SIGNATURE, e.getMessage());
    }
    Address promiseSigner;
    try {
      promiseSigner = message.promise().recoverSigner(secp256k1);
    } catch (InvalidSignatureException e) {
      return new Verification(
          kind, signer, null, Failure.INVALID_PROMISE_SIGNATURE, "promise " + e.getMessage());
    }
    if (!promiseSigner.equals(signer)) {
      return new Verification(
          kind,
          signer,
          promiseSigner,
          Failure.PROMISE_SIGNER_MISMATCH,
          "promise signer " + promiseSigner + " differs from exchange message signer " + signer);
    }
    String mismatch = expectations(signer, message.chainId(), message.promise().chainId(), expect);
    return mismatch == null
        ? new Verification(kind, signer, promiseSigner, null, null)
        : new Verification(kind, signer, promiseSigner, failureOf(signer, expect), mismatch);
  }

  private static String expectations(
      Address signer, ChainId chainId, ChainId promiseChainId, Expectations expect) {
    if (expect.signer() != null && !expect.signer().equals(signer)) {
      return "signer " + signer + " is not the expected " + expect.signer();
    }
    if (expect.chainId() != null) {
      if (!expect.chainId().equals(chainId)) {
        return "chain id " + chainId + " is not the expected " + expect.chainId();
      }
      if (promiseChainId != null && !expect.chainId().equals(promiseChainId)) {
        return "promise chain id " + promiseChainId + " is not the expected " + expect.chainId();
      }
    }
    return null;
  }

  private static Failure failureOf(Address signer, Expectations expect) {
    return expect.signer() != null && !expect.signer().equals(signer)
        ? Failure.UNEXPECTED_SIGNER
        : Failure.CHAIN_ID_MISMATCH;
  }
}
