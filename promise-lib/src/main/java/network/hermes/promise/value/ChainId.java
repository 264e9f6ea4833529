package network.hermes.promise.value;

/** An EVM chain id, a positive integer bound into every signed payment object. */
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
   * @param value a positive chain id
   * @return the chain id
   * @throws IllegalArgumentException if the value is zero or negative
   */
  public static ChainId of(long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + value);
    }
    return new ChainId(value);
  }

  /**
   * The numeric chain id.
   *
   * @return a positive value
   */
  public long value() {
    return value;
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
