package network.hermes.hub.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The hub's API traffic as the dashboard shows it: totals read from the hub's own meters, and a
 * bounded series of samples (promise rate, rejection rate, mean promise latency per interval).
 */
final class Traffic {
  /** The endpoints whose accepted requests issue a hub promise. */
  static final Set<String> PROMISE_ENDPOINTS = Set.of("request_promise", "pay_and_settle");

  /** One reading of the meters. */
  record Totals(
      long promises,
      long rejections,
      long promiseRequests,
      double promiseSeconds,
      Map<String, Long> rejectionsByCause) {}

  /** One interval of the series: rates per second and the mean latency of promise requests. */
  record Point(
      Instant at, double promisesPerSecond, double rejectionsPerSecond, Double latencyMs) {}

  private final int capacity;
  private final ArrayDeque<Point> points = new ArrayDeque<>();
  private Instant lastAt;
  private Totals last;

  Traffic(int capacity) {
    this.capacity = capacity;
  }

  /** Reads the hub's request counters and latency timers. */
  static Totals read(MeterRegistry registry) {
    long promises = 0;
    long rejections = 0;
    Map<String, Long> byCause = new TreeMap<>();
    for (Counter c : registry.find("hermes_requests").counters()) {
      long n = (long) c.count();
      String cause = c.getId().getTag("cause");
      if ("ok".equals(cause)) {
        if (PROMISE_ENDPOINTS.contains(c.getId().getTag("endpoint"))) {
          promises += n;
        }
      } else {
        rejections += n;
        byCause.merge(cause, n, Long::sum);
      }
    }
    long requests = 0;
    double seconds = 0;
    for (Timer t : registry.find("hermes_request_latency").timers()) {
      if (PROMISE_ENDPOINTS.contains(t.getId().getTag("endpoint"))) {
        requests += t.count();
        seconds += t.totalTime(TimeUnit.NANOSECONDS) / 1e9;
      }
    }
    return new Totals(promises, rejections, requests, seconds, byCause);
  }

  /** Adds the interval since the previous reading (the first reading only sets the start). */
  synchronized void sample(Instant at, Totals now) {
    if (last != null && at.isAfter(lastAt)) {
      double secs = (at.toEpochMilli() - lastAt.toEpochMilli()) / 1000.0;
      long requests = now.promiseRequests() - last.promiseRequests();
      Double latency =
          requests > 0 ? (now.promiseSeconds() - last.promiseSeconds()) * 1000 / requests : null;
      points.addLast(
          new Point(
              at,
              (now.promises() - last.promises()) / secs,
              (now.rejections() - last.rejections()) / secs,
              latency));
      while (points.size() > capacity) {
        points.removeFirst();
      }
    }
    last = now;
    lastAt = at;
  }

  synchronized List<Point> points() {
    return new ArrayList<>(points);
  }
}
