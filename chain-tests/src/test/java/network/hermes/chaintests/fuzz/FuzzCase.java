package network.hermes.chaintests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request: the bytes to send, how, and what kind it is.
 *
 * @param category VALID, MUTATED, BYTES, RANDOM or HTTP
 * @param generator the generator that made it (for the report)
 * @param endpoint the path it targets ({@code ?} when the bytes hold none)
 * @param bytes everything sent on the socket
 * @param mode how it is sent and whether an answer is owed
 * @param answers how many answers are owed (pipelined requests)
 */
record FuzzCase(
    Category category, String generator, String endpoint, byte[] bytes, Mode mode, int answers) {

  enum Category {
    /** A correct request as a node sends it. */
    VALID,
    /** A correct request's JSON with one mutation. */
    MUTATED,
    /** A correct request's body with bytes flipped, cut or inserted. */
    BYTES,
    /** Random or pathological bodies (random JSON, noise, deep nesting, oversized). */
    RANDOM,
    /** Malformed HTTP: request lines, headers, framing. */
    HTTP
  }

  enum Mode {
    /** Well-formed HTTP on the worker's kept connection: an answer is owed. */
    KEPT,
    /** On a connection of its own; the server may answer or close. */
    FRESH,
    /** On a connection of its own that stops sending mid-request: no answer is owed. */
    CUT
  }

  /** A well-formed POST with a JSON body on the kept connection. */
  static FuzzCase post(Category category, String generator, String path, byte[] body) {
    return new FuzzCase(
        category, generator, path, Http.request("POST", path, body, List.of()), Mode.KEPT, 1);
  }

  /** A well-formed GET on the kept connection. */
  static FuzzCase get(Category category, String generator, String path) {
    return new FuzzCase(
        category, generator, path, Http.request("GET", path, null, List.of()), Mode.KEPT, 1);
  }

  /** The request line, for the report. */
  String firstLine() {
    String s = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.ISO_8859_1);
    int end = s.indexOf('\n');
    return (end < 0 ? s : s.substring(0, end)).replace("\r", "");
  }
}
