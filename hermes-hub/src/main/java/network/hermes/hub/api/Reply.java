package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;

/** An HTTP answer: a JSON body with a status, and the rejection it came from (for the metrics). */
record Reply(int status, JsonNode body, Rejection rejection) {

  static Reply ok(JsonNode body) {
    return new Reply(200, body, null);
  }

  static Reply reject(Rejection r, String message) {
    return reject(r, message, null);
  }

  static Reply reject(Rejection r, String message, String data) {
    ObjectNode n = WireJson.MAPPER.createObjectNode();
    n.put("cause", r.cause());
    n.put("message", message);
    if (data != null) {
      n.put("data", data);
    }
    return new Reply(r.httpStatus(), n, r);
  }

  static Reply of(Decision.Reject<?> r) {
    return reject(r.reason(), r.message(), r.data());
  }
}
