package network.hermes.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.WireJson;

/** A body that is not the JSON shape an endpoint expects (cause {@code malformed json}). */
final class MalformedRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String ROOT = "(root)";
  private static final Pattern BYTES = Pattern.compile("expected (\\d+) bytes.*");

  MalformedRequest(String message) {
    super(message, null, false, false);
  }

  /**
   * promise-lib's report of a body it cannot read, in the words the hub's API has always used (the
   * golden files hold them): the field's key rather than its path, and a fractional number anywhere
   * in the body named before any other fault, since a client that writes amounts as floats gets
   * every integer wrong.
   */
  static MalformedRequest of(MalformedWireException e, byte[] body) {
    String reason = e.reason();
    if (ROOT.equals(e.path())) {
      if (reason.equals("no input") || reason.equals("empty input")) {
        return new MalformedRequest("empty body");
      }
      if (reason.startsWith("not valid JSON: ")) {
        return new MalformedRequest(
            "body is not JSON: " + reason.substring("not valid JSON: ".length()));
      }
      if (reason.startsWith("unreadable")) {
        return new MalformedRequest("body is not JSON");
      }
      if (reason.equals("expected a JSON object")) {
        return new MalformedRequest("body must be a JSON object");
      }
    }
    JsonNode tree = tree(body);
    String fraction = tree == null ? null : firstFraction(tree, null);
    if (fraction != null) {
      return new MalformedRequest(fraction + " must be an integer number");
    }
    return new MalformedRequest(describe(e.path(), reason, tree));
  }

  /** The hub's words for one field's fault; {@code tree} may be null. */
  static String describe(String path, String reason, JsonNode tree) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    JsonNode value = tree == null ? null : at(tree, path);
    boolean integral = value != null && value.isIntegralNumber();
    Matcher bytes = BYTES.matcher(reason);
    return switch (reason) {
      case "missing" -> "missing field " + key;
      case "expected a JSON object" -> key + " must be an object";
      case "expected a string" -> key + " must be a string";
      case "expected standard base64" -> key + " is not base64";
      case "expected a hex string", "expected hex digits without 0x" -> key + " is not hex";
      case "integer exceeds 2^256-1" -> key + " is out of range";
      case "expected a non-negative integer" ->
          integral ? key + " is out of range" : key + " must be an integer number";
      case "expected a non-negative int64 chain id" ->
          integral ? key + " is not a valid chain id" : key + " must be an integer number";
      default ->
          reason.startsWith("expected 20 or 32 bytes")
              ? key + " must have 20 or 32 bytes"
              : bytes.matches()
                  ? key + " must have " + bytes.group(1) + " bytes"
                  : path + ": " + reason;
    };
  }

  private static JsonNode tree(byte[] body) {
    try {
      return WireJson.parse(body);
    } catch (MalformedWireException e) {
      return null;
    }
  }

  private static JsonNode at(JsonNode tree, String path) {
    JsonNode n = tree;
    for (String key : path.split("\\.")) {
      n = n == null ? null : n.get(key);
    }
    return n;
  }

  /** The key of the first fractional number in document order, or null. */
  private static String firstFraction(JsonNode node, String key) {
    if (node.isNumber() && !node.isIntegralNumber()) {
      return key;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String found = firstFraction(f.getValue(), f.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String found = firstFraction(element, key);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
