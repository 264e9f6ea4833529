package network.hermes.bench.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Throughput per CPU-second of the benchmark thread, for machines shared with other work where
 * JMH's wall-clock numbers mostly measure how often the thread was scheduled. Runs each {@link
 * CryptoBenchmark} operation for a warm-up second, then seven measured rounds, and prints the
 * median ops per CPU-second.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar network.hermes.bench.crypto.CpuTimeCheck}
 */
public final class CpuTimeCheck {
  private static final long ROUND_NANOS = 1_000_000_000L;
  private static final int ROUNDS = 7;

  private CpuTimeCheck() {}

  /**
   * Runs the check.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf(
        Locale.ROOT, "%-24s %-7s %14s %12s%n", "operation", "backend", "ops/CPU-s", "us/op (CPU)");
    for (String backend : new String[] {"native", "java"}) {
      CryptoBenchmark bench = new CryptoBenchmark();
      bench.backend = backend;
      bench.setUp();
      Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
      operations.put("sign", bench::sign);
      operations.put("signPrepared", bench::signPrepared);
      operations.put("recover", bench::recover);
      operations.put("verify", bench::verify);
      operations.put("verifyExchangeMessage", bench::verifyExchangeMessage);
      for (Map.Entry<String, Supplier<Object>> op : operations.entrySet()) {
        round(threads, op.getValue()); // warm-up
        double[] rates = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          rates[i] = round(threads, op.getValue());
        }
        Arrays.sort(rates);
        double median = rates[ROUNDS / 2];
        System.out.printf(
            Locale.ROOT, "%-24s %-7s %14.0f %12.1f%n", op.getKey(), backend, median, 1e6 / median);
      }
    }
  }

  private static double round(ThreadMXBean threads, Supplier<Object> op) {
    long sink = 0;
    long ops = 0;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallEnd = System.nanoTime() + ROUND_NANOS;
    while (System.nanoTime() < wallEnd) {
      for (int i = 0; i < 16; i++) {
        sink += op.get().hashCode();
      }
      ops += 16;
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    if (sink == 42) {
      System.out.print("");
    }
    return ops * 1e9 / cpu;
  }
}
