package network.hermes.chaintests.fuzz;

import static network.hermes.chaintests.fuzz.Http.ascii;
import static network.hermes.chaintests.fuzz.Http.concat;

import java.util.List;
import java.util.SplittableRandom;
import network.hermes.chaintests.fuzz.FuzzCase.Category;
import network.hermes.chaintests.fuzz.FuzzCase.Mode;

/**
 * Malformed HTTP, at the socket level: request lines, versions, methods, paths, headers and body
 * framing a client library would never send. Each on a connection of its own.
 */
final class HttpGarbage {
  static final List<String> PATHS =
      List.of(
          "/api/v2/request_promise",
          "/api/v2/reveal_r",
          "/api/v2/change_promise_fee",
          "/api/v1/transactor/identity/settle_and_rebalance",
          "/api/v2/data/consumer/0x0000000000000000000000000000000000000001");

  private final SplittableRandom random;
  private final Mutations mutations;

  HttpGarbage(SplittableRandom random, Mutations mutations) {
    this.random = random;
    this.mutations = mutations;
  }

  FuzzCase next(byte[] body) {
    String path = PATHS.get(random.nextInt(PATHS.size()));
    String head =
        "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    int n = body.length;
    return switch (random.nextInt(26)) {
      case 0 ->
          fresh(
              "garbage request line",
              concat(
                  mutations.noise(1 + random.nextInt(200)),
                  random.nextBoolean() ? ascii("\r\n\r\n") : null),
              0);
      case 1 -> fresh("request line without version", ascii("GET " + path + "\r\n\r\n"), 0);
      case 2 -> fresh("HTTP/0.9", ascii("GET /healthz\r\n"), 0);
      case 3 ->
          fresh(
              "unknown version",
              ascii(
                  "POST "
                      + path
                      + " HTTP/"
                      + pick("1.2", "2.0", "3", "9.9", "x")
                      + "\r\nHost: h\r\nContent-Length: "
                      + n
                      + "\r\n\r\n"),
              body);
      case 4 -> {
        String method = pick("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "CONNECT");
        yield fresh(
            "method " + method,
            ascii(
                method + " " + path + " HTTP/1.1\r\nHost: h\r\nContent-Length: " + n + "\r\n\r\n"),
            body);
      }
      case 5 -> fresh("HEAD", ascii("HEAD " + path + " HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
      case 6 ->
          fresh(
              "odd path",
              ascii(
                  "GET "
                      + pick(
                          "/api/v2/%00",
                          "/api/v2/%zz",
                          "//api//v2//reveal_r",
                          "/api/v2/../../etc/passwd",
                          "/api/v2/data/consumer/" + "a".repeat(300),
                          "*",
                          "http://evil/api/v2/reveal_r",
                          "/api/v2/reveal_r?x=1&y=%",
                          "/\u00ff")
                      + " HTTP/1.1\r\nHost: h\r\n\r\n"),
              0);
      case 7 ->
          fresh(
              "long URI",
              ascii(
                  "GET /api/v2/"
                      + "a".repeat(4_000 + random.nextInt(20_000))
                      + " HTTP/1.1\r\nHost: h\r\n\r\n"),
              0);
      case 8 ->
          fresh(
              "large header",
              ascii(
                  head
                      + "X-Big: "
                      + "b".repeat(9_000 + random.nextInt(20_000))
                      + "\r\nContent-Length: "
                      + n
                      + "\r\n\r\n"),
              body);
      case 9 ->
          fresh(
              "many headers",
              ascii(
                  head
                      + "X-H: 1\r\n".repeat(200 + random.nextInt(2_000))
                      + "Content-Length: "
                      + n
                      + "\r\n\r\n"),
              body);
      case 10 ->
          fresh(
              "non-numeric length",
              ascii(
                  head
                      + "Content-Length: "
                      + pick("abc", "-1", "1e3", " ", "0x10", "99999999999999999999")
                      + "\r\n\r\n"),
              body);
      case 11 ->
          fresh(
              "two lengths",
              ascii(head + "Content-Length: " + n + "\r\nContent-Length: " + (n + 3) + "\r\n\r\n"),
              body);
      case 12 ->
          fresh(
              "length and chunked",
              ascii(head + "Content-Length: " + n + "\r\nTransfer-Encoding: chunked\r\n\r\n"),
              body);
      case 13 ->
          fresh(
              "bad chunk size",
              ascii(
                  head
                      + "Transfer-Encoding: chunked\r\n\r\n"
                      + pick("zz", "-5", "ffffffffffffffffff", "")
                      + "\r\nabc\r\n0\r\n\r\n"),
              0);
      case 14 ->
          fresh(
              "chunked",
              concat(
                  ascii(
                      head
                          + "Transfer-Encoding: chunked\r\n\r\n"
                          + Integer.toHexString(n)
                          + "\r\n"),
                  body,
                  ascii("\r\n0\r\n\r\n")),
              0);
      case 15 ->
          fresh(
              "bare LF", ascii(head.replace("\r\n", "\n") + "Content-Length: " + n + "\n\n"), body);
      case 16 ->
          fresh(
              "header without colon",
              ascii(head + "NoColonHere\r\nContent-Length: " + n + "\r\n\r\n"),
              body);
      case 17 ->
          fresh(
              "folded header",
              ascii(head + "X-F: a\r\n  b\r\nContent-Length: " + n + "\r\n\r\n"),
              body);
      case 18 -> {
        String expect = pick("100-continue", "200-ok", "nonsense");
        yield fresh(
            "Expect " + expect,
            ascii(head + "Expect: " + expect + "\r\nContent-Length: " + n + "\r\n\r\n"),
            body);
      }
      case 19 ->
          fresh(
              "no Host",
              ascii("POST " + path + " HTTP/1.1\r\nContent-Length: " + n + "\r\n\r\n"),
              body);
      case 20 -> {
        String type = pick("Content-Type: text/plain\r\n", "", "Content-Encoding: gzip\r\n");
        yield fresh(
            "content headers '" + type.trim() + "'",
            ascii(
                "POST "
                    + path
                    + " HTTP/1.1\r\nHost: h\r\n"
                    + type
                    + "Content-Length: "
                    + n
                    + "\r\n\r\n"),
            body);
      }
      case 21 -> {
        // the body declared longer than sent, then the client stops
        byte[] bytes =
            concat(
                ascii(head + "Content-Length: " + (n + 1 + random.nextInt(1000)) + "\r\n\r\n"),
                body);
        yield new FuzzCase(Category.HTTP, "body shorter than its length", "?", bytes, Mode.CUT, 0);
      }
      case 22 -> {
        // more bytes than declared: the rest is read as the next request
        byte[] bytes =
            concat(
                ascii(head + "Content-Length: " + Math.max(0, n - 5) + "\r\n\r\n"),
                body,
                ascii("\r\n\r\n"));
        yield new FuzzCase(Category.HTTP, "body longer than its length", "?", bytes, Mode.FRESH, 2);
      }
      case 23 -> {
        byte[] one = concat(ascii(head + "Content-Length: " + n + "\r\n\r\n"), body);
        yield new FuzzCase(
            Category.HTTP,
            "three pipelined",
            "?",
            concat(one, ascii("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n"), one),
            Mode.FRESH,
            3);
      }
      case 24 ->
          new FuzzCase(
              Category.HTTP, "headers cut off", "?", ascii(head + "Content-Len"), Mode.CUT, 0);
      default ->
          fresh(
              "lowercase method",
              ascii("post " + path + " HTTP/1.1\r\nHost: h\r\nContent-Length: " + n + "\r\n\r\n"),
              body);
    };
  }

  private FuzzCase fresh(String name, byte[] head, byte[] body) {
    return new FuzzCase(Category.HTTP, name, "?", concat(head, body), Mode.FRESH, 1);
  }

  private FuzzCase fresh(String name, byte[] bytes, int unused) {
    return new FuzzCase(Category.HTTP, name, "?", bytes, Mode.FRESH, 1);
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}
