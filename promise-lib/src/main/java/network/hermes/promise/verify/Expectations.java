package network.hermes.promise.verify;

import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * What the caller expects of a cheque beyond a valid signature.
 *
 * @param signer the expected signer (of the exchange message, or of the promise), or null for any
 * @param chainId the expected chain id, or null for any
 */
public record Expectations(Address signer, ChainId chainId) {
  /** No expectation beyond valid signatures. */
  public static final Expectations NONE = new Expectations(null, null);
}
