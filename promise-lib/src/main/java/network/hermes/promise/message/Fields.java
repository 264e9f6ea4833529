package network.hermes.promise.message;

import java.math.BigInteger;
import network.hermes.promise.value.Bytes32;

/** Shared validation of record components: clear messages naming the field. */
final class Fields {
  private Fields() {}

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": must not be null");
    }
    return value;
  }

  static BigInteger uint256(String field, BigInteger value) {
    required(field, value);
    try {
      Bytes32.fromUint256(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": must be in [0, 2^256-1], got " + value, e);
    }
    return value;
  }
}
