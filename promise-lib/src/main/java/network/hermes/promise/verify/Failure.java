package network.hermes.promise.verify;

/** Why a cheque does not verify, in the order the checks run. */
public enum Failure {
  /** The (exchange message or promise) signature cannot be recovered. */
  INVALID_SIGNATURE,
  /** The promise inside an exchange message has a signature that cannot be recovered. */
  INVALID_PROMISE_SIGNATURE,
  /** The promise inside an exchange message was signed by someone else than the message. */
  PROMISE_SIGNER_MISMATCH,
  /** The signer is not the expected one. */
  UNEXPECTED_SIGNER,
  /** The chain id is not the expected one. */
  CHAIN_ID_MISMATCH
}
