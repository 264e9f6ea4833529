package network.hermes.hub.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Row;
import java.util.Locale;

/** Relay jobs (the hub's transactor queue) as the dashboard shows them. */
final class RelayRows {
  static final String COLUMNS =
      "id, kind, identity, fee, state, tx_hash, error, attempts, created_at, updated_at";

  private RelayRows() {}

  static ArrayNode json(Iterable<Row> rows) {
    ArrayNode a = Json.array();
    for (Row r : rows) {
      ObjectNode n = a.addObject();
      n.put("id", r.getString("id"));
      n.put("kind", r.getString("kind").toLowerCase(Locale.ROOT));
      n.put("identity", r.getString("identity"));
      Json.wei(n, "fee", Json.wei(r, "fee"));
      n.put("state", r.getString("state"));
      n.put("tx_hash", r.getString("tx_hash"));
      n.put("error", r.getString("error"));
      n.put("attempts", r.getInteger("attempts"));
      Json.time(n, "created_at", Json.time(r, "created_at"));
      Json.time(n, "updated_at", Json.time(r, "updated_at"));
    }
    return a;
  }
}
