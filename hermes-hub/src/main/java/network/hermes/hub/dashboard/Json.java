package network.hermes.hub.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The dashboard API's JSON conventions: amounts in wei as decimal strings (a browser's numbers lose
 * wei above 2^53), times as ISO-8601 instants, absent values as null.
 */
final class Json {
  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static void wei(ObjectNode n, String field, BigInteger wei) {
    if (wei == null) {
      n.putNull(field);
    } else {
      n.put(field, wei.toString());
    }
  }

  static void time(ObjectNode n, String field, Instant t) {
    if (t == null) {
      n.putNull(field);
    } else {
      n.put(field, t.toString());
    }
  }

  /** A NUMERIC column as wei, null when the column is null. */
  static BigInteger wei(Row row, String column) {
    Numeric n = row.getNumeric(column);
    return n == null ? null : n.bigIntegerValue();
  }

  static BigInteger weiOrZero(Row row, String column) {
    BigInteger w = wei(row, column);
    return w == null ? BigInteger.ZERO : w;
  }

  static Instant time(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
