package network.hermes.hub.crypto;

import java.util.Objects;
import network.hermes.hub.core.HubPromise;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Signer;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;

/**
 * The hub's one signer: the operator key, prepared once by promise-lib, signs hub promises and
 * nothing else. The key never leaves promise-lib's signer (not in toString, not in logs).
 */
public final class OperatorKey {
  private final Signer signer;

  public OperatorKey(PrivateKey key, Secp256k1 secp256k1) {
    this.signer = secp256k1.signer(Objects.requireNonNull(key, "key"));
  }

  public Address address() {
    return signer.address();
  }

  /** The promise signed over keccak(preimage), v 27/28; deterministic (RFC 6979). */
  public Promise sign(HubPromise p) {
    return unsigned(p).sign(signer);
  }

  /** The promise-lib form of a hub promise, whose preimage a hub signature covers. */
  public static UnsignedPromise unsigned(HubPromise p) {
    return UnsignedPromise.forProviderChannel(
        ChainId.of(p.chainId()), p.channelId(), p.amount(), p.fee(), p.hashlock());
  }

  @Override
  public String toString() {
    return "OperatorKey[" + address() + "]";
  }
}
