package network.hermes.bench.load;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.WireJson;

/**
 * Drives realistic hub traffic over HTTP: many consumers paying many providers, each exchange a
 * request_promise followed by reveal_r, with real signatures (promise-lib) and durable commits. It
 * runs the hub as built and a baseline (pure-Java crypto, one commit per request) in the same
 * invocation, each as its own process with its own embedded PostgreSQL, and prints a report.
 *
 * <p>The consumers' side is computed before the warm-up starts, so that the generator's CPU inside
 * the measured window is mostly HTTP: for every exchange of every worker, in the order the worker
 * will send them, the fresh R and its hashlock, the cumulative promise and the exchange message
 * with both real signatures, and the bytes of both HTTP requests. A worker that runs out of
 * pre-signed exchanges signs further ones inline (the same sequence) and the report counts them.
 *
 * <p>Usage: {@code LoadGenerator [--workers N] [--consumers-per-worker N] [--warmup S] [--seconds
 * S] [--presign-rate N] [--virtual-threads] [--only built|baseline] [--instances N] [--jfr]
 * [--pg-stats] [--hub-set key=value] [--attach HUB_PORT DB_PORT]} from the repository root. With
 * {@code --instances N} (N > 1) the hub as built runs a second time as N instances on one
 * PostgreSQL, the workers split evenly between them: the same total load, scaled out.
 */
public final class LoadGenerator {
  // the hub's offline development deployment (HubDeployment.OFFLINE_DEV)
  static final ChainId CHAIN = ChainId.of(31337);
  static final Address HERMES = Address.fromHex("0x5e7c0d3d6c1a4b8b9c2f0a1d3e5f7a9b1c3d5e7f");
  static final Address REGISTRY = Address.fromHex("0x7a1c0e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c");
  static final Address CHANNEL_IMPL = Address.fromHex("0x3c5e7a9c1e3a5c7e9a1c3e5a7c9e1a3c5e7a9c1e");
  static final BigInteger BALANCE = BigInteger.TEN.pow(24);

  int workers = 48;
  int consumersPerWorker = 20;
  int warmupSeconds = 45;
  int seconds = 30;
  int presignRate = 3000;
  boolean virtualThreads;
  String only = "";
  int instances = 1;
  boolean jfr;
  boolean pgStats;
  final List<String> hubSettings = new ArrayList<>();
  int attachPort;
  int attachDbPort;

  record Result(
      String name,
      long exchanges,
      double seconds,
      long[] latenciesNanos,
      double hubCpu,
      double pgCpu,
      double genCpu,
      Map<String, Long> errors,
      long presigned,
      double presignSeconds,
      long signedInlineMeasured) {
    double rate() {
      return exchanges / seconds;
    }

    /** Exchanges per CPU-second of the whole machine's work: hub, PostgreSQL and generator. */
    double perCpuSecond() {
      double cpu = hubCpu + pgCpu + genCpu;
      return cpu <= 0 ? Double.NaN : exchanges / cpu;
    }

    double pct(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i =
          (int)
              Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, i)] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    LoadGenerator g = new LoadGenerator();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--workers" -> g.workers = Integer.parseInt(args[++i]);
        case "--consumers-per-worker" -> g.consumersPerWorker = Integer.parseInt(args[++i]);
        case "--warmup" -> g.warmupSeconds = Integer.parseInt(args[++i]);
        case "--seconds" -> g.seconds = Integer.parseInt(args[++i]);
        case "--presign-rate" -> g.presignRate = Integer.parseInt(args[++i]);
        case "--virtual-threads" -> g.virtualThreads = true;
        case "--only" -> g.only = args[++i];
        case "--instances" -> {
          g.instances = Integer.parseInt(args[++i]);
          if (g.instances < 1 || g.instances > 4) {
            throw new IllegalArgumentException("--instances must be from 1 to 4");
          }
        }
        case "--jfr" -> g.jfr = true;
        case "--pg-stats" -> {
          g.pgStats = true;
          g.hubSettings.add(PgStats.HUB_SETTING);
        }
        case "--hub-set" -> g.hubSettings.add(args[++i]);
        case "--attach" -> {
          g.attachPort = Integer.parseInt(args[++i]);
          g.attachDbPort = Integer.parseInt(args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    g.run(Path.of("").toAbsolutePath());
  }

  void run(Path root) throws Exception {
    Secp256k1 secp = Secp256k1s.getDefault();
    System.out.printf(
        "load generator: %d provider workers x %d consumers (%s threads, one request in flight"
            + " each), %d s warm-up, %d s measured, exchanges pre-signed for %d/s, generator crypto"
            + " %s, %d cores%n",
        workers,
        consumersPerWorker,
        virtualThreads ? "virtual" : "platform",
        warmupSeconds,
        seconds,
        presignRate,
        secp.name(),
        Runtime.getRuntime().availableProcessors());
    System.out.println("load average at start: " + loadAverage());
    List<Result> results = new ArrayList<>();
    if (!only.equals("baseline")) {
      results.add(runOne(root, "as built (native crypto, group commit)", true, secp, 1));
    }
    Result scaled = null;
    if (instances > 1 && !only.equals("baseline")) {
      scaled =
          runOne(
              root,
              "as built, " + instances + " instances on one PostgreSQL",
              true,
              secp,
              instances);
    }
    if (!only.equals("built")) {
      results.add(
          runOne(root, "baseline (pure-Java crypto, one commit per request)", false, secp, 1));
    }
    List<Result> rows = new ArrayList<>(results);
    if (scaled != null) {
      rows.add(1, scaled);
    }
    System.out.println();
    System.out.println(
        "| run | exchanges/s | per CPU-second | p50 ms | p99 ms | p99.9 ms | hub JVM CPU |"
            + " PostgreSQL CPU | generator CPU | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    int cores = Runtime.getRuntime().availableProcessors();
    for (Result r : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.0f%% | %.0f%% | %.0f%% | %s |%n",
          r.name(),
          r.rate(),
          r.perCpuSecond(),
          r.pct(50),
          r.pct(99),
          r.pct(99.9),
          100 * r.hubCpu() / (r.seconds() * cores),
          100 * r.pgCpu() / (r.seconds() * cores),
          100 * r.genCpu() / (r.seconds() * cores),
          r.errors().isEmpty() ? "none" : r.errors().toString());
    }
    for (Result r : rows) {
      System.out.printf(
          Locale.ROOT,
          "%s: %d exchanges pre-signed in %.1f s before the warm-up; signed inside the measured"
              + " window: %d; generator CPU inside the window %.0f us per exchange%n",
          r.name(),
          r.presigned(),
          r.presignSeconds(),
          r.signedInlineMeasured(),
          r.exchanges() == 0 ? 0 : 1e6 * r.genCpu() / r.exchanges());
    }
    if (results.size() == 2) {
      System.out.printf(
          Locale.ROOT,
          "%nas built / baseline: %.2fx exchanges per second%n",
          results.get(0).rate() / results.get(1).rate());
    }
    if (scaled != null && !only.equals("baseline")) {
      Result one = results.get(0);
      System.out.printf(
          Locale.ROOT,
          "%d instances / 1 instance: %.2fx exchanges per second, %.2fx per CPU-second, p99 %.2f"
              + " -> %.2f ms%n",
          instances,
          scaled.rate() / one.rate(),
          scaled.perCpuSecond() / one.perCpuSecond(),
          one.pct(99),
          scaled.pct(99));
    }
    System.out.println("(CPU shares are of the whole machine: " + cores + " cores)");
  }

  @SuppressWarnings("try") // closeOthers only stops the extra instances
  Result runOne(Path root, String name, boolean asBuilt, Secp256k1 secp, int instances)
      throws Exception {
    System.out.println("starting hub: " + name);
    List<String> jvm = new ArrayList<>();
    Path jfrFile = null;
    if (jfr) {
      jfrFile = Path.of("/tmp/hermes-hub-" + (asBuilt ? "built" : "baseline") + ".jfr");
      jvm.add(
          "-XX:StartFlightRecording=filename="
              + jfrFile
              + ",settings=profile,delay="
              + warmupSeconds
              + "s,duration="
              + seconds
              + "s");
    }
    List<HubUnderTest> others = new ArrayList<>();
    try (HubUnderTest hub =
            attachPort > 0
                ? HubUnderTest.attach(attachPort, attachDbPort)
                : HubUnderTest.start(root, asBuilt, jvm, hubSettings);
        AutoCloseable closeOthers = () -> others.forEach(HubUnderTest::close)) {
      for (int i = 1; i < instances; i++) {
        others.add(HubUnderTest.join(root, asBuilt, List.of(), hubSettings, hub));
      }
      List<HubUnderTest> hubs = new ArrayList<>();
      hubs.add(hub);
      hubs.addAll(others);
      Random rnd = new Random(asBuilt ? 1 : 2);
      List<Worker> ws = new ArrayList<>();
      StringBuilder facts = new StringBuilder();
      for (int w = 0; w < workers; w++) {
        Worker wk = new Worker(w, secp, rnd.nextLong());
        for (Consumer c : wk.consumers) {
          facts.append(c.signer.address().toHex()).append(' ').append(BALANCE).append('\n');
        }
        ws.add(wk);
      }
      Path file = hub.dir.resolve("consumers.txt");
      Files.writeString(file, facts.toString(), StandardCharsets.UTF_8);
      hub.seedConsumers(root, file);

      // the consumers' side of every exchange, before the warm-up (the hub is idle meanwhile)
      int perWorker =
          (int) Math.ceil((double) presignRate * (warmupSeconds + seconds + 5) / workers);
      long p0 = System.nanoTime();
      try (var pool =
          java.util.concurrent.Executors.newFixedThreadPool(
              Runtime.getRuntime().availableProcessors())) {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (Worker wk : ws) {
          String host = "127.0.0.1:" + hubs.get(wk.index % hubs.size()).port;
          done.add(pool.submit(() -> wk.presign(perWorker, host)));
        }
        for (var f : done) {
          f.get();
        }
      }
      double presignSeconds = (System.nanoTime() - p0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "  pre-signed %d exchanges (%d signatures) in %.1f s%n",
          (long) perWorker * workers,
          2L * perWorker * workers,
          presignSeconds);
      Thread.sleep(1500); // the hub's chain view reloads facts every 500 ms

      AtomicBoolean measuring = new AtomicBoolean(false);
      AtomicBoolean stop = new AtomicBoolean(false);
      List<Thread> threads = new ArrayList<>();
      for (Worker wk : ws) {
        int port = hubs.get(wk.index % hubs.size()).port;
        Runnable loop = () -> wk.loop(port, measuring, stop);
        threads.add(
            virtualThreads
                ? Thread.ofVirtual().start(loop)
                : Thread.ofPlatform().name("worker-" + threads.size()).start(loop));
      }
      Thread.sleep(warmupSeconds * 1000L);
      List<String> scrapesBefore = new ArrayList<>();
      for (HubUnderTest h : hubs) {
        scrapesBefore.add(h.scrape());
      }
      PgStats stats = pgStats ? new PgStats(hub.dbPort) : null;
      if (stats != null) {
        stats.reset();
      }
      double[] cpu0 = cpuSeconds(hubs);
      double gen0 = Cpu.seconds(ProcessHandle.current().pid());
      if (jfrFile != null) {
        hub.startRecording(jfrFile, seconds);
      }
      long t0 = System.nanoTime();
      measuring.set(true);
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      long t1 = System.nanoTime();
      double[] cpu1 = cpuSeconds(hubs);
      double gen1 = Cpu.seconds(ProcessHandle.current().pid());
      List<String> scrapes = new ArrayList<>();
      for (HubUnderTest h : hubs) {
        scrapes.add(h.scrape());
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join(15_000);
      }
      long n = 0;
      long signedInline = 0;
      int total = 0;
      for (Worker wk : ws) {
        total += wk.latencies.size();
      }
      long[] all = new long[total];
      int k = 0;
      Map<String, Long> errors = new TreeMap<>();
      for (Worker wk : ws) {
        for (int i = 0; i < wk.latencies.size(); i++) {
          all[k++] = wk.latencies.get(i);
        }
        n += wk.latencies.size();
        signedInline += wk.signedInlineMeasured;
        wk.errors.forEach((e, c) -> errors.merge(e, c.get(), Long::sum));
      }
      Arrays.sort(all);
      Result r =
          new Result(
              name,
              n,
              (t1 - t0) / 1e9,
              all,
              cpu1[0] - cpu0[0],
              cpu1[1] - cpu0[1],
              gen1 - gen0,
              errors,
              (long) perWorker * workers,
              presignSeconds,
              signedInline);
      System.out.printf(Locale.ROOT, "  %.0f exchanges/s, p99 %.2f ms%n", r.rate(), r.pct(99));
      System.out.println("  load average after the measured window: " + loadAverage());
      // the hub's own view of the measured window: end of window minus its start, all instances
      Window w = new Window(scrapesBefore, scrapes);
      double count = w.sum("hermes_tx_batch_size_count");
      System.out.printf(
          Locale.ROOT,
          "  transactions in the window: %.0f, mean operations per transaction %.1f, mean wait for a"
              + " transaction %.2f ms, mean transaction %.2f ms%n",
          count,
          w.mean("hermes_tx_batch_size_sum", "hermes_tx_batch_size_count", 1),
          w.mean("hermes_tx_wait_seconds_sum", "hermes_tx_wait_seconds_count", 1e3),
          w.mean("hermes_tx_time_seconds_sum", "hermes_tx_time_seconds_count", 1e3));
      System.out.printf(
          Locale.ROOT,
          "  inside the hub, from request to response: request_promise %.2f ms, reveal_r %.2f ms"
              + " (mean)%n",
          w.mean(
              "hermes_request_latency_seconds_sum{endpoint=\"request_promise\"",
              "hermes_request_latency_seconds_count{endpoint=\"request_promise\"",
              1e3),
          w.mean(
              "hermes_request_latency_seconds_sum{endpoint=\"reveal_r\"",
              "hermes_request_latency_seconds_count{endpoint=\"reveal_r\"",
              1e3));
      if (stats != null) {
        stats.print(count);
      }
      if (jfrFile != null) {
        System.out.println("  JFR recording: " + jfrFile);
      }
      return r;
    }
  }

  /** The hubs' JVMs' CPU seconds together, and their PostgreSQL's. */
  static double[] cpuSeconds(List<HubUnderTest> hubs) {
    double[] sum = new double[2];
    for (HubUnderTest h : hubs) {
      double[] c = h.cpuSeconds();
      sum[0] += c[0];
      sum[1] += c[1];
    }
    return sum;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Metrics of the hubs at the start and the end of the measured window. */
  record Window(List<String> before, List<String> after) {
    double sum(String name) {
      double total = 0;
      for (int i = 0; i < after.size(); i++) {
        total += metric(after.get(i), name) - metric(before.get(i), name);
      }
      return total;
    }

    /** sum(numerator) / sum(denominator) over the window, times {@code scale}; 0 if none. */
    double mean(String numerator, String denominator, double scale) {
      double d = sum(denominator);
      return d == 0 ? 0 : sum(numerator) / d * scale;
    }
  }

  static double metric(String scrape, String name) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + " ")
          || line.startsWith(name + "{")
          || (name.indexOf('{') > 0 && line.startsWith(name))) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** A consumer: its key, channel and grand total (what it has promised in all). */
  static final class Consumer {
    final KeySigner signer;
    final Address channel;
    BigInteger total = BigInteger.ZERO;
    final BigInteger agreementId;
    BigInteger agreementTotal = BigInteger.ZERO;

    Consumer(KeySigner signer, BigInteger agreementId) {
      this.signer = signer;
      this.channel =
          ChannelIds.consumerChannelAddress(REGISTRY, signer.address(), HERMES, CHANNEL_IMPL);
      this.agreementId = agreementId;
    }
  }

  /**
   * One exchange of one consumer, signed and serialized ahead of time: the complete HTTP requests
   * of its request_promise and reveal_r.
   */
  record Exchange(byte[] requestPromise, byte[] reveal) {}

  /** One provider node: a single FIFO worker, as upstream nodes do, with its own consumers. */
  final class Worker {
    final KeySigner provider;
    final List<Consumer> consumers = new ArrayList<>();
    final Random rnd;
    final SecureRandom secure = new SecureRandom();
    final LongList latencies = new LongList();
    final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    int nextConsumer;
    String host;
    Exchange[] stock = new Exchange[0];
    int taken;
    long signedInlineMeasured; // read after the worker thread has been joined
    final int index;

    Worker(int index, Secp256k1 secp, long seed) {
      this.index = index;
      this.rnd = new Random(seed);
      this.provider = new KeySigner(PrivateKey.random(secure), secp);
      for (int i = 0; i < consumersPerWorker; i++) {
        consumers.add(
            new Consumer(new KeySigner(PrivateKey.random(secure), secp), new BigInteger(128, rnd)));
      }
    }

    /** Signs this worker's next {@code n} exchanges, in the order it will send them. */
    void presign(int n, String host) {
      this.host = host;
      Exchange[] next = new Exchange[n];
      for (int i = 0; i < n; i++) {
        next[i] = sign();
      }
      stock = next;
      taken = 0;
    }

    /**
     * The next exchange: the round-robin consumer pays for everything so far (a cumulative promise
     * with a fresh hashlock) inside a signed exchange message.
     */
    Exchange sign() {
      Consumer c = consumers.get(nextConsumer++ % consumers.size());
      BigInteger delta = BigInteger.valueOf(1_000_000_000L + rnd.nextInt(1_000_000_000));
      Bytes32 r = Bytes32.random(secure);
      Bytes32 hashlock = network.hermes.promise.crypto.Keccak.hash(r.toBytes());
      c.total = c.total.add(delta);
      c.agreementTotal = c.agreementTotal.add(delta);
      Promise promise =
          UnsignedPromise.forConsumerChannel(
                  CHAIN, c.channel, TokenAmount.of(c.total), TokenAmount.ZERO, hashlock)
              .sign(c.signer);
      ExchangeMessage em =
          ExchangeMessage.builder()
              .promise(promise)
              .agreementId(c.agreementId)
              .agreementTotal(TokenAmount.of(c.agreementTotal))
              .provider(provider.address())
              .hermesId(HERMES)
              .chainId(CHAIN)
              .sign(c.signer);
      byte[] body =
          WireJson.writeRequestPromise(
                  new RequestPromiseRequest(em, TokenAmount.ZERO, r.toHexNoPrefix()))
              .getBytes(StandardCharsets.UTF_8);
      byte[] reveal =
          WireJson.writeReveal(new RevealRequest(r, provider.address(), c.agreementId))
              .getBytes(StandardCharsets.UTF_8);
      return new Exchange(
          Http1.request("/api/v2/request_promise", host, body),
          Http1.request("/api/v2/reveal_r", host, reveal));
    }

    Exchange next(boolean inWindow) {
      if (taken < stock.length) {
        Exchange x = stock[taken];
        stock[taken++] = null; // sent once; let it be collected
        return x;
      }
      if (inWindow) {
        signedInlineMeasured++;
      }
      return sign();
    }

    void loop(int port, AtomicBoolean measuring, AtomicBoolean stop) {
      Http1 http = null;
      while (!stop.get()) {
        try {
          if (http == null) {
            http = new Http1("127.0.0.1", port);
          }
          Exchange x = next(measuring.get());
          long start = System.nanoTime();
          Http1.Response resp = http.send(x.requestPromise());
          if (resp.status() != 200) {
            error(resp);
            continue;
          }
          Http1.Response rv = http.send(x.reveal());
          if (rv.status() != 200) {
            error(rv);
            continue;
          }
          long took = System.nanoTime() - start;
          if (measuring.get()) {
            latencies.add(took);
          }
        } catch (Exception e) {
          errors
              .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
              .incrementAndGet();
          try {
            if (http != null) {
              http.close();
            }
          } catch (Exception ignored) {
            // closing a broken connection
          }
          http = null;
        }
      }
    }

    void error(Http1.Response resp) {
      String t = resp.text();
      int i = t.indexOf("\"cause\":\"");
      String cause = i < 0 ? "status " + resp.status() : t.substring(i + 9, t.indexOf('"', i + 9));
      errors.computeIfAbsent(cause, k -> new AtomicLong()).incrementAndGet();
    }
  }

  /** A growable list of longs without boxing. */
  static final class LongList {
    private long[] a = new long[1024];
    private int n;

    void add(long v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    long get(int i) {
      return a[i];
    }
  }
}
