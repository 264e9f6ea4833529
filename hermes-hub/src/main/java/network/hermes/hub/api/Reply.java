package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Rejection;
import network.hermes.promise.message.Promise;
import network.hermes.promise.wire.ErrorBody;
import network.hermes.promise.wire.WireJson;

/** An HTTP answer: a JSON body with a status, and the rejection it came from (for the metrics). */
record Reply(int status, String body, Rejection rejection) {

  /** A hub promise in the wire's Promise JSON. */
  static Reply ok(Promise promise) {
    return new Reply(200, WireJson.writePromise(promise), null);
  }

  /** A hub-only shape (data, relay, reveal acknowledgement). */
  static Reply ok(JsonNode body) {
    return new Reply(200, body.toString(), null);
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static Reply reject(Rejection r, String message) {
    return reject(r, message, null);
  }

  static Reply reject(Rejection r, String message, String data) {
    return new Reply(
        r.httpStatus(), WireJson.writeError(new ErrorBody(r.cause(), message, data)), r);
  }

  static Reply of(Decision.Reject<?> r) {
    return reject(r.reason(), r.message(), r.data());
  }
}
