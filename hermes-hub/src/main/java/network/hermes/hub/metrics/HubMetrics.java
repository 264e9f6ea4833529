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
import network.hermes.hub.store.TxBatcher;

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

  /** Batch sizes, each operation's wait for its transaction, and each transaction's time. */
  public TxBatcher.Observer transactions() {
    Timer wait =
        Timer.builder("hermes_tx_wait")
            .description("How long an operation waited for its group-commit transaction to start")
            .register(registry);
    Timer time =
        Timer.builder("hermes_tx_time")
            .description("How long a group-commit transaction took, from start to commit")
            .register(registry);
    return new TxBatcher.Observer() {
      @Override
      public void started(int size, long[] waitNanos) {
        batchSize.record(size);
        for (long w : waitNanos) {
          wait.record(w, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public void ended(long nanos) {
        time.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    };
  }

  public void chainViewAge(Supplier<Instant> asOf, Clock clock) {
    Gauge.builder(
            "hermes_chain_view_age_seconds",
            () -> Duration.between(asOf.get(), clock.instant()).toMillis() / 1000.0)
        .description("Seconds since the chain view last caught up with its source")
        .register(registry);
  }

  private final java.util.concurrent.atomic.AtomicLong watcherBlock =
      new java.util.concurrent.atomic.AtomicLong(-1);

  /** The chain watcher applied blocks up to {@code block}. */
  public void watcherBlock(long block) {
    if (watcherBlock.getAndSet(block) == -1 && block >= 0) {
      gauge(
          "hermes_watcher_block",
          "Last confirmed block whose events the chain watcher applied (this instance)",
          watcherBlock::get);
    }
  }

  public void reorganisation() {
    Counter.builder("hermes_watcher_reorgs")
        .description("Chain reorganisations the watcher rescanned after")
        .register(registry)
        .increment();
  }

  public void punishment() {
    Counter.builder("hermes_hermes_punishments")
        .description("HermesPunishmentActivated events seen on the hub contract")
        .register(registry)
        .increment();
  }

  /** One consumer settlement batch. */
  public void settlementBatch(int settled, int failed, BigInteger collectedWei, boolean txFailed) {
    Counter.builder("hermes_settlement_transactions")
        .description("Batch settlement transactions by outcome")
        .tag("outcome", txFailed ? "failed" : "mined")
        .register(registry)
        .increment();
    Counter.builder("hermes_settlement_promises")
        .description("Consumer promises in settlement batches by outcome")
        .tag("outcome", "settled")
        .register(registry)
        .increment(settled);
    Counter.builder("hermes_settlement_promises")
        .description("Consumer promises in settlement batches by outcome")
        .tag("outcome", "failed")
        .register(registry)
        .increment(failed);
    Counter.builder("hermes_settled_myst")
        .description("Consumer money settled into the hub contract, in MYST")
        .register(registry)
        .increment(new BigDecimal(collectedWei).divide(WEI_PER_MYST).doubleValue());
  }

  /** A relay job finished. */
  public void relayJob(String kind, String state) {
    Counter.builder("hermes_relay_jobs")
        .description("Relay jobs finished, by kind and final state")
        .tag("kind", kind)
        .tag("state", state)
        .register(registry)
        .increment();
  }

  /** Gauges of the hub contract's available balance and whether it is below the warning level. */
  public void hubBalance(Supplier<BigInteger> availableWei, BigInteger lowWei) {
    Gauge.builder(
            "hermes_hub_available_myst",
            () -> new BigDecimal(availableWei.get()).divide(WEI_PER_MYST).doubleValue())
        .description("The Hermes contract's available balance (pays providers), in MYST")
        .register(registry);
    Gauge.builder("hermes_hub_low_balance", () -> availableWei.get().compareTo(lowWei) < 0 ? 1 : 0)
        .description("1 when the available balance is under settlement.low-balance")
        .register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, () -> value.get().doubleValue())
        .description(description)
        .register(registry);
  }
}
