package network.hermes.promise.value;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A non-negative amount of token wei (18 decimals for MYST), at most {@code 2^256-1}. Never a
 * floating-point number.
 */
public final class TokenAmount implements Comparable<TokenAmount> {
  /** The largest amount a uint256 holds, {@code 2^256-1}. */
  public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** Zero wei. */
  public static final TokenAmount ZERO = new TokenAmount(BigInteger.ZERO);

  private final BigInteger value;

  private TokenAmount(BigInteger value) {
    this.value = value;
  }

  /**
   * Wraps a wei amount.
   *
   * @param wei a value in {@code [0, 2^256-1]}
   * @return the amount
   * @throws IllegalArgumentException if the value is null, negative or above {@code 2^256-1}
   */
  public static TokenAmount of(BigInteger wei) {
    if (wei == null) {
      throw new IllegalArgumentException("token amount: null");
    }
    if (wei.signum() < 0) {
      throw new IllegalArgumentException("token amount: negative value " + wei);
    }
    if (wei.compareTo(MAX_VALUE) > 0) {
      throw new IllegalArgumentException("token amount: exceeds 2^256-1");
    }
    return wei.signum() == 0 ? ZERO : new TokenAmount(wei);
  }

  /**
   * Wraps a wei amount.
   *
   * @param wei a non-negative value
   * @return the amount
   * @throws IllegalArgumentException if the value is negative
   */
  public static TokenAmount of(long wei) {
    if (wei < 0) {
      throw new IllegalArgumentException("token amount: negative value " + wei);
    }
    return of(BigInteger.valueOf(wei));
  }

  /**
   * Parses a decimal integer of wei.
   *
   * @param decimal digits only, no sign, no fraction, no exponent
   * @return the amount
   * @throws IllegalArgumentException if the text is not such an integer or is out of range
   */
  public static TokenAmount parse(String decimal) {
    if (decimal == null
        || decimal.isEmpty()
        || !decimal.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("token amount: not a decimal integer: " + decimal);
    }
    return of(new BigInteger(decimal));
  }

  /**
   * Reads a 32-byte big-endian word.
   *
   * @param word the encoded amount
   * @return the amount
   */
  public static TokenAmount fromBytes32(Bytes32 word) {
    return of(word.toBigInteger());
  }

  /**
   * The amount in wei.
   *
   * @return a value in {@code [0, 2^256-1]}
   */
  public BigInteger toBigInteger() {
    return value;
  }

  /**
   * Adds two amounts.
   *
   * @param other the amount to add
   * @return the sum
   * @throws ArithmeticException if the sum exceeds {@code 2^256-1}
   */
  public TokenAmount plus(TokenAmount other) {
    BigInteger sum = value.add(other.value);
    if (sum.compareTo(MAX_VALUE) > 0) {
      throw new ArithmeticException("token amount: " + this + " + " + other + " exceeds 2^256-1");
    }
    return new TokenAmount(sum);
  }

  /**
   * Subtracts an amount.
   *
   * @param other the amount to subtract, at most this one
   * @return the difference
   * @throws ArithmeticException if {@code other} is larger than this amount
   */
  public TokenAmount minus(TokenAmount other) {
    if (value.compareTo(other.value) < 0) {
      throw new ArithmeticException("token amount: " + this + " - " + other + " would be negative");
    }
    return of(value.subtract(other.value));
  }

  /**
   * The smaller of two amounts.
   *
   * @param other the other amount
   * @return this or {@code other}, whichever is smaller
   */
  public TokenAmount min(TokenAmount other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * The larger of two amounts.
   *
   * @param other the other amount
   * @return this or {@code other}, whichever is larger
   */
  public TokenAmount max(TokenAmount other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * Tells whether the amount is zero.
   *
   * @return true for zero wei
   */
  public boolean isZero() {
    return value.signum() == 0;
  }

  /**
   * The amount as a 32-byte big-endian word ({@code pad32}).
   *
   * @return the encoding
   */
  public Bytes32 toBytes32() {
    return Bytes32.fromUint256(value);
  }

  @Override
  public int compareTo(TokenAmount other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenAmount other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  /** Returns the amount in wei as a decimal integer. */
  @Override
  public String toString() {
    return value.toString();
  }
}
