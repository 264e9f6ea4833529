package network.hermes.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import network.hermes.hub.core.Rejection;

/** The hub's Prometheus metrics (names are documented in docs/hub.md). */
public final class HubMetrics {
  private static final BigDecimal WEI_PER_MYST = BigDecimal.TEN.pow(18);

  private final PrometheusMeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> requests = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> latency = new ConcurrentHashMap<>();
  private final Counter acceptedMyst;
  private final Counter withdrawnMyst;
  private final Counter acceptedExchanges;
  private final DistributionSummary batchSize;

  public HubMetrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.acceptedMyst =
        Counter.builder("hermes_accepted_myst")
            .description("Sum of accepted consumer increments (delta), in MYST")
            .register(registry);
    this.withdrawnMyst =
        Counter.builder("hermes_withdrawn_myst")
            .description("Sum of accepted pay_and_settle withdrawals, in MYST")
            .register(registry);
    this.acceptedExchanges =
        Counter.builder("hermes_accepted_exchanges")
            .description("Promises issued for a new exchange (retries excluded)")
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("hermes_tx_batch_size")
            .description("Operations per database transaction (group commit)")
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0)
            .maximumExpectedValue(256.0)
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  public void request(String endpoint, Rejection rejection, int status, long nanos) {
    String cause = rejection == null ? "ok" : rejection.cause();
    String key = endpoint + '|' + cause + '|' + status;
    requests
        .computeIfAbsent(
            key,
            k ->
                Counter.builder("hermes_requests")
                    .description("API requests by endpoint, cause and HTTP status")
                    .tag("endpoint", endpoint)
                    .tag("cause", cause)
                    .tag("status", Integer.toString(status))
                    .register(registry))
        .increment();
    latency
        .computeIfAbsent(
            endpoint,
            e ->
                Timer.builder("hermes_request_latency")
                    .description("API request latency by endpoint")
                    .tag("endpoint", e)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void accepted(boolean withdrawal, BigInteger deltaWei) {
    double myst = new BigDecimal(deltaWei).divide(WEI_PER_MYST).doubleValue();
    if (withdrawal) {
      withdrawnMyst.increment(myst);
    } else {
      acceptedMyst.increment(myst);
      acceptedExchanges.increment();
    }
  }

  public void batch(int size) {
    batchSize.record(size);
  }

  public void chainViewAge(Supplier<Instant> asOf, Clock clock) {
    Gauge.builder(
            "hermes_chain_view_age_seconds",
            () -> Duration.between(asOf.get(), clock.instant()).toMillis() / 1000.0)
        .description("Seconds since the chain view last caught up with its source")
        .register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, () -> value.get().doubleValue())
        .description(description)
        .register(registry);
  }
}
