package network.hermes.promise.crypto;

import java.math.BigInteger;
import network.hermes.promise.value.Signature;

/**
 * Checks both implementations apply before recovery, so that they reject exactly the same inputs.
 */
final class SignatureChecks {
  /** The order n of the secp256k1 group. */
  static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  static final BigInteger HALF_N = N.shiftRight(1);

  private SignatureChecks() {}

  /**
   * Validates r, s and v, and returns the recovery id.
   *
   * @return 0 or 1
   * @throws InvalidSignatureException if the signature can never be valid
   */
  static int recoveryId(Signature signature) {
    int v = signature.v();
    int recId;
    if (v == 0 || v == 1) {
      recId = v;
    } else if (v == 27 || v == 28) {
      recId = v - 27;
    } else {
      throw new InvalidSignatureException("invalid signature: v must be 0, 1, 27 or 28, got " + v);
    }
    BigInteger r = signature.r().toBigInteger();
    BigInteger s = signature.s().toBigInteger();
    if (r.signum() == 0 || r.compareTo(N) >= 0) {
      throw new InvalidSignatureException("invalid signature: r is out of range");
    }
    if (s.signum() == 0 || s.compareTo(N) >= 0) {
      throw new InvalidSignatureException("invalid signature: s is out of range");
    }
    if (s.compareTo(HALF_N) > 0) {
      throw new InvalidSignatureException("invalid signature: s is not in the lower half (high s)");
    }
    return recId;
  }
}
