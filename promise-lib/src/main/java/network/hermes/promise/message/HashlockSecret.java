package network.hermes.promise.message;

import java.security.SecureRandom;
import java.util.Objects;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.value.Bytes32;

/**
 * The secret R a provider draws for each invoice; {@code hashlock = keccak256(R)} locks the
 * promises that pay that invoice. {@link #toString()} does not show R.
 */
public final class HashlockSecret {
  private final Bytes32 r;

  private HashlockSecret(Bytes32 r) {
    this.r = r;
  }

  /**
   * Wraps a known R.
   *
   * @param r the 32-byte secret
   * @return the secret
   * @throws IllegalArgumentException if {@code r} is null
   */
  public static HashlockSecret of(Bytes32 r) {
    if (r == null) {
      throw new IllegalArgumentException("R: must not be null");
    }
    return new HashlockSecret(r);
  }

  /**
   * Draws a fresh R.
   *
   * @param random the source of randomness
   * @return a new secret
   */
  public static HashlockSecret random(SecureRandom random) {
    return new HashlockSecret(Bytes32.random(random));
  }

  /**
   * The secret itself.
   *
   * @return R
   */
  public Bytes32 r() {
    return r;
  }

  /**
   * The lock derived from R.
   *
   * @return {@code keccak256(R)} over the 32 raw bytes
   */
  public Bytes32 hashlock() {
    return Keccak.hash(r.toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashlockSecret other && r.equals(other.r);
  }

  @Override
  public int hashCode() {
    return Objects.hash(r);
  }

  @Override
  public String toString() {
    return "HashlockSecret[hashlock=" + hashlock() + "]";
  }
}
