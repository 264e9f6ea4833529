package network.hermes.chaintests.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import network.hermes.chaintests.fuzz.FuzzCase.Category;
import network.hermes.chaintests.fuzz.Oracle.Finding;
import network.hermes.chaintests.fuzz.Oracle.Kind;

/** What a fuzz run sent, got and found; thread-safe while it runs. */
final class FuzzReport {
  static final int EXAMPLES = 12;

  final AtomicLong sent = new AtomicLong();
  final Map<Category, LongAdder> byCategory = new EnumMap<>(Category.class);
  final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
  final Map<String, LongAdder> byGenerator = new ConcurrentHashMap<>();
  final Map<Kind, LongAdder> findings = new EnumMap<>(Kind.class);
  final Map<Kind, ConcurrentLinkedQueue<Finding>> examples = new EnumMap<>(Kind.class);
  final Map<String, LongAdder> knownByGenerator = new ConcurrentHashMap<>();
  final List<String> stateProblems = new ArrayList<>();
  final List<String> crashes = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  Duration elapsed = Duration.ZERO;

  FuzzReport() {
    for (Category c : Category.values()) {
      byCategory.put(c, new LongAdder());
    }
    for (Kind k : Kind.values()) {
      findings.put(k, new LongAdder());
      examples.put(k, new ConcurrentLinkedQueue<>());
    }
  }

  void sent(FuzzCase c) {
    sent.incrementAndGet();
    byCategory.get(c.category()).increment();
    byGenerator
        .computeIfAbsent(c.category() + " " + c.generator(), k -> new LongAdder())
        .increment();
  }

  void answered(String status) {
    byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
  }

  void found(Finding f) {
    findings.get(f.kind()).increment();
    if (f.kind() == Kind.KNOWN_ISSUE_15 || f.kind() == Kind.DROPPED) {
      knownByGenerator
          .computeIfAbsent(f.kind() + ": " + f.fuzzCase().generator(), k -> new LongAdder())
          .increment();
    }
    ConcurrentLinkedQueue<Finding> q = examples.get(f.kind());
    if (q.size() < EXAMPLES) {
      q.add(f);
    }
  }

  long count(Kind k) {
    return findings.get(k).sum();
  }

  /** Whether the run kept the contract: no violation, no crash, no unexplained state. */
  boolean passed() {
    return count(Kind.VIOLATION) == 0 && stateProblems.isEmpty() && crashes.isEmpty();
  }

  String render() {
    StringBuilder out = new StringBuilder();
    double seconds = Math.max(1, elapsed.toMillis()) / 1000.0;
    out.append(
        String.format(
            "fuzzed %d requests in %.1f s (%.0f/s)%n", sent.get(), seconds, sent.get() / seconds));
    byCategory.forEach((c, n) -> out.append(String.format("  %-8s %8d%n", c, n.sum())));
    out.append("answers:");
    new TreeMap<>(byStatus)
        .forEach((s, n) -> out.append(' ').append(s).append('=').append(n.sum()));
    out.append('\n');
    for (Kind k : Kind.values()) {
      out.append(String.format("%-15s %d%n", k, count(k)));
      for (Finding f : examples.get(k)) {
        out.append("    ")
            .append(f.fuzzCase().category())
            .append(' ')
            .append(f.fuzzCase().generator())
            .append(" [")
            .append(f.fuzzCase().firstLine())
            .append("]: ")
            .append(f.detail())
            .append('\n');
      }
    }
    if (!knownByGenerator.isEmpty()) {
      out.append("known and dropped, by generator:\n");
      new TreeMap<>(knownByGenerator)
          .forEach(
              (g, n) -> out.append("    ").append(g).append(": ").append(n.sum()).append('\n'));
    }
    out.append("state after the run: ")
        .append(stateProblems.isEmpty() ? "every change explained by an accepted request" : "")
        .append('\n');
    stateProblems.forEach(p -> out.append("    UNEXPLAINED ").append(p).append('\n'));
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    crashes.forEach(c -> out.append("CRASH ").append(c).append('\n'));
    out.append(passed() ? "PASSED" : "FAILED").append('\n');
    return out.toString();
  }
}
