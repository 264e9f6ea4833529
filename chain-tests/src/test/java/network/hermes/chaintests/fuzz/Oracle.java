package network.hermes.chaintests.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.hermes.chaintests.fuzz.FuzzCase.Category;
import network.hermes.chaintests.fuzz.FuzzCase.Mode;

/**
 * Judges one answer against the hub's error contract (docs/hub.md): an error is JSON {@code {cause,
 * message}} with a documented cause and that cause's status; no 5xx but {@code internal error}; a
 * well-formed request gets an answer. Malformed HTTP that the hub answers the way issue 15
 * describes (empty or text bodies, 501) is "known" unless strict.
 */
final class Oracle {
  /** Every documented cause and the statuses it comes with. */
  static final Map<String, Set<Integer>> CAUSES =
      Map.ofEntries(
          Map.entry("malformed json", Set.of(400)),
          Map.entry("invalid signature", Set.of(400, 401)),
          Map.entry("consumer unregistered", Set.of(402)),
          Map.entry("r recovery required", Set.of(409)),
          Map.entry("previous R not revealed", Set.of(409)),
          Map.entry("payment value too low", Set.of(409)),
          Map.entry("promise value too low", Set.of(409)),
          Map.entry("consumer does not have enough balance and is overspending", Set.of(402)),
          Map.entry("provider balance exhausted, please rebalance your channel", Set.of(402)),
          Map.entry("invalid previuos latest promise, impossible to issue new one", Set.of(409)),
          Map.entry("transactor fee too high", Set.of(400)),
          Map.entry("hashlock already used", Set.of(409)),
          Map.entry("promise is not the latest", Set.of(409)),
          Map.entry("expected provider channel, got consumer", Set.of(400)),
          Map.entry("pay and settle disabled", Set.of(403)),
          Map.entry("fee below quote", Set.of(409)),
          Map.entry("transaction would fail", Set.of(409)),
          Map.entry("identity already registered", Set.of(409)),
          Map.entry("no previous promise found", Set.of(404)),
          Map.entry("hashlock missmatch", Set.of(409)),
          Map.entry("resource not found", Set.of(404)),
          Map.entry("method not allowed", Set.of(405)),
          Map.entry("request body too large", Set.of(413)),
          Map.entry("malformed request", Set.of(400)),
          Map.entry("request uri too long", Set.of(414)),
          Map.entry("request headers too large", Set.of(431)),
          Map.entry("expectation failed", Set.of(417)),
          Map.entry("too many simultaneous requests", Set.of(429)),
          Map.entry("service unavailable", Set.of(503)),
          Map.entry("internal error", Set.of(500)));

  /** The answers issue 15 reports for malformed HTTP: these statuses, without the JSON. */
  static final Set<Integer> ISSUE_15_STATUSES = Set.of(400, 413, 414, 417, 431, 501);

  enum Kind {
    /** Breaks the contract. */
    VIOLATION,
    /** Breaks it the way issue 15 already describes. */
    KNOWN_ISSUE_15,
    /** {@code 500 internal error}: allowed by the contract, a bug to look at. */
    INTERNAL_ERROR,
    /** Malformed HTTP the hub closed the connection on without answering. */
    DROPPED
  }

  /**
   * A finding.
   *
   * @param kind what kind
   * @param fuzzCase the request
   * @param detail what was wrong
   */
  record Finding(Kind kind, FuzzCase fuzzCase, String detail) {}

  private final boolean strict;

  Oracle(boolean strict) {
    this.strict = strict;
  }

  /** The findings of one answer (empty when it keeps the contract). */
  List<Finding> judge(FuzzCase c, RawHttp.Outcome outcome) {
    if (outcome instanceof RawHttp.NoAnswer none) {
      if (c.mode() == Mode.CUT) {
        return List.of();
      }
      if (c.category() == Category.HTTP) {
        return List.of(new Finding(Kind.DROPPED, c, none.why()));
      }
      return List.of(new Finding(Kind.VIOLATION, c, "no answer: " + none.why()));
    }
    RawHttp.Response r = (RawHttp.Response) outcome;
    int status = r.status();
    if (status < 400) {
      if (status >= 200 && status < 300 && c.endpoint().startsWith("/api/") && !isJson(r.body())) {
        return List.of(new Finding(Kind.VIOLATION, c, status + " with a body that is not JSON"));
      }
      return List.of();
    }
    if (c.firstLine().startsWith("HEAD ")) {
      // an answer to HEAD has no body by definition: only its status can be judged
      return status >= 500
          ? List.of(new Finding(Kind.VIOLATION, c, status + " to HEAD"))
          : List.of();
    }
    String problem = contractProblem(r);
    if (problem == null) {
      if (status == 500) {
        return List.of(new Finding(Kind.INTERNAL_ERROR, c, r.text()));
      }
      return List.of();
    }
    boolean known = !strict && c.category() == Category.HTTP && ISSUE_15_STATUSES.contains(status);
    return List.of(
        new Finding(
            known ? Kind.KNOWN_ISSUE_15 : Kind.VIOLATION,
            c,
            status + " " + problem + ": " + Mutations.abbreviate(r.text().replace('\n', ' '))));
  }

  /** What breaks the error contract in an error answer, or null. */
  static String contractProblem(RawHttp.Response r) {
    JsonNode json = parse(r.body());
    if (json == null || !json.isObject()) {
      return "body is not a JSON object";
    }
    if (!r.contentType().startsWith("application/json")) {
      return "content type " + r.contentType();
    }
    if (!json.path("cause").isTextual() || !json.path("message").isTextual()) {
      return "no string cause and message";
    }
    Set<Integer> statuses = CAUSES.get(json.get("cause").asText());
    if (statuses == null) {
      return "undocumented cause '" + json.get("cause").asText() + "'";
    }
    if (!statuses.contains(r.status())) {
      return "cause '" + json.get("cause").asText() + "' with status " + r.status();
    }
    if (r.status() >= 500 && r.status() != 500) {
      return "a 5xx other than internal error";
    }
    return null;
  }

  private static boolean isJson(byte[] body) {
    return parse(body) != null;
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : Mutations.JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
