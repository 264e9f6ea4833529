package network.hermes.promise.verify;

import network.hermes.promise.value.Address;

/**
 * The outcome of {@link ChequeVerifier}: a rejection is data, not an exception.
 *
 * @param kind what was verified
 * @param signer who signed it (the exchange message signer for an exchange message), or null if the
 *     signature cannot be recovered
 * @param promiseSigner for an exchange message, who signed the inner promise (or null if that
 *     signature cannot be recovered); for a promise, the same as {@code signer}
 * @param failure why it does not verify, or null when it does
 * @param reason a one-line explanation of the failure, or null when it verifies
 */
public record Verification(
    ChequeKind kind, Address signer, Address promiseSigner, Failure failure, String reason) {

  /**
   * Tells whether every check passed.
   *
   * @return true when there is no failure
   */
  public boolean valid() {
    return failure == null;
  }
}
