package network.hermes.promise.value;

/**
 * An EVM chain id, bound into every signed payment object: a non-negative int64, as the wire format
 * allows. Real chains have positive ids; 0 names none (upstream's own test fixtures carry it), and
 * services refuse the chains they do not serve.
 */
public final class ChainId {
  /** Polygon PoS mainnet. */
  public static final ChainId POLYGON = new ChainId(137);

  /** Polygon Amoy testnet. */
  public static final ChainId AMOY = new ChainId(80002);

  private final long value;

  private ChainId(long value) {
    this.value = value;
  }

  /**
   * Wraps a chain id.
   *
   * @param value a non-negative chain id
   * @return the chain id
   * @throws IllegalArgumentException if the value is negative
   */
  public static ChainId of(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("chain id must not be negative, got " + value);
    }
    return new ChainId(value);
  }

  /**
   * The numeric chain id.
   *
   * @return a non-negative value
   */
  public long value() {
    return value;
  }

  /**
   * Whether this is chain id 0, which names no real chain.
   *
   * @return true for 0
   */
  public boolean isZero() {
    return value == 0;
  }

  /**
   * The chain id as a 32-byte big-endian word, as the {@code chainid()} opcode gives it.
   *
   * @return the encoding
   */
  public Bytes32 toBytes32() {
    return Bytes32.fromUint(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainId other && value == other.value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
