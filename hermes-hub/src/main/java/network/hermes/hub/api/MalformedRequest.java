package network.hermes.hub.api;

/** A body that is not the JSON shape an endpoint expects (cause {@code malformed json}). */
final class MalformedRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedRequest(String message) {
    super(message, null, false, false);
  }
}
