package network.hermes.hub.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * How the hub's values are columns: ids, hashes and signatures as 0x-prefixed lowercase hex text,
 * amounts as NUMERIC, chains as BIGINT, times as TIMESTAMPTZ in UTC. The one place where a store
 * turns typed values into SQL parameters and back; null stays null both ways.
 */
public final class DbCodec {
  private DbCodec() {}

  public static String hex(Address a) {
    return a == null ? null : a.toHex();
  }

  public static String hex(Bytes32 b) {
    return b == null ? null : b.toHex();
  }

  public static String hex(Signature s) {
    return s == null ? null : s.toHex();
  }

  /**
   * A consumer promise's 32-byte channel id as the channel address it holds (its last 20 bytes).
   */
  public static String channelAddress(Bytes32 channelId) {
    return channelId == null
        ? null
        : Address.of(java.util.Arrays.copyOfRange(channelId.toBytes(), 12, 32)).toHex();
  }

  /** A channel address column as a consumer promise's 32-byte channel id. */
  public static Bytes32 channelId(Row r, int i) {
    Address a = address(r, i);
    return a == null ? null : a.toBytes32();
  }

  public static Long id(ChainId chain) {
    return chain == null ? null : chain.value();
  }

  public static Numeric num(TokenAmount v) {
    return v == null ? null : num(v.toBigInteger());
  }

  public static Numeric num(BigInteger v) {
    return v == null ? null : Numeric.create(new BigDecimal(v));
  }

  public static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  public static ChainId chain(Row r, int i) {
    Long v = r.getLong(i);
    return v == null ? null : ChainId.of(v);
  }

  public static Address address(Row r, int i) {
    String v = r.getString(i);
    return v == null ? null : Address.fromHex(v);
  }

  public static Bytes32 bytes32(Row r, int i) {
    String v = r.getString(i);
    return v == null ? null : Bytes32.fromHex(v);
  }

  public static Signature signature(Row r, int i) {
    String v = r.getString(i);
    return v == null ? null : Signature.fromHex(v);
  }

  public static BigInteger big(Row r, int i) {
    Object v = r.getValue(i);
    if (v == null) {
      return null;
    }
    if (v instanceof Numeric n) {
      return n.bigIntegerValue();
    }
    if (v instanceof BigDecimal d) {
      return d.toBigIntegerExact();
    }
    return new BigInteger(v.toString());
  }

  public static TokenAmount amount(Row r, int i) {
    BigInteger v = big(r, i);
    return v == null ? null : TokenAmount.of(v);
  }

  public static Instant instant(Row r, int i) {
    OffsetDateTime t = r.getOffsetDateTime(i);
    return t == null ? null : t.toInstant();
  }
}
