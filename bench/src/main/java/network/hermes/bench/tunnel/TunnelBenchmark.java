package network.hermes.bench.tunnel;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.contracts.deploy.DeploymentPlan;
import network.hermes.hubclient.HubClient;
import network.hermes.node.consumer.ConsumerNode;
import network.hermes.node.consumer.ConsumerSettings;
import network.hermes.node.consumer.ConsumerStatus;
import network.hermes.node.policy.Cidr;
import network.hermes.node.policy.DestinationPolicy;
import network.hermes.node.policy.ExitConnector;
import network.hermes.node.provider.ProviderNode;
import network.hermes.node.provider.ProviderService;
import network.hermes.node.provider.ProviderSettings;
import network.hermes.node.provider.SettlementTrigger;
import network.hermes.node.session.InvoiceSchedule;
import network.hermes.node.session.Price;
import network.hermes.node.session.Tolerance;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.TokenAmount;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hermes bench tunnel}: one paid session on loopback against a direct connection in the
 * same run. A local source writes {@code --gib} GiB to whoever connects; the client reads it once
 * directly and once through the consumer's SOCKS5 proxy, provider and consumer in this JVM, paying
 * a real hub process on a devnet at upstream's default price and cadence. Reports throughput, the
 * ratio, CPU per GiB (this JVM: client, source, consumer and provider; the hub process apart), and
 * the payment overhead (invoices, hub calls per minute, control bytes per data byte).
 */
@Command(
    name = "tunnel",
    mixinStandardHelpOptions = true,
    description = "Tunnel throughput and payment overhead against a direct connection.")
public final class TunnelBenchmark implements Callable<Integer> {
  private static final long GIB = 1L << 30;

  @Option(
      names = "--gib",
      defaultValue = "2",
      description = "GiB per transfer (default: ${DEFAULT-VALUE}).")
  int gib;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Transfers of each kind, alternating (default: ${DEFAULT-VALUE}).")
  int runs;

  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Runs the benchmark. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "hermes-node-logback.xml");
    }
    System.exit(new CommandLine(new TunnelBenchmark()).execute(args));
  }

  record Sample(String kind, long bytes, long wallNanos, long cpuNanos) {
    double mibPerSecond() {
      return bytes / (1024.0 * 1024) / (wallNanos / 1e9);
    }

    double cpuSecondsPerGib() {
      return cpuNanos / 1e9 / (bytes / (double) GIB);
    }

    double mibPerCpuSecond() {
      return bytes / (1024.0 * 1024) / (cpuNanos / 1e9);
    }
  }

  @Override
  public Integer call() throws Exception {
    long bytes = gib * GIB;
    Secp256k1 secp = Secp256k1s.getDefault();
    System.out.printf(
        "machine: %d cores, %s %s, JDK %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
    try (TestNetwork net = TestNetwork.start();
        ServerSocket source = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        HubClient hub = HubClient.connect(net.hub().apiUrl())) {
      Thread.ofVirtual().start(() -> serve(source, bytes));
      Deployment d = net.deployment();
      PrivateKey providerKey = PrivateKey.random(new java.security.SecureRandom());
      PrivateKey consumerKey = PrivateKey.random(new java.security.SecureRandom());
      KeySigner provider = new KeySigner(providerKey, secp);
      KeySigner consumer = new KeySigner(consumerKey, secp);
      net.mint(
          ChannelIds.consumerChannelAddress(
              d.registry(), consumer.address(), d.hermesId(), d.channelImplementation()),
          DeploymentPlan.myst(100));
      net.chain().registerIdentity(consumerKey, TokenAmount.ZERO);
      net.chain().registerIdentity(providerKey, TokenAmount.ZERO);
      Waits.untilTrue(
          "the hub to see the top-up",
          Duration.ofSeconds(60),
          () -> {
            try {
              var c = hub.consumerData(consumer.address()).get(d.chainId());
              return c != null && !c.balance().isZero();
            } catch (Exception e) {
              return false;
            }
          });
      Price price =
          new Price(TokenAmount.parse("100000000000000000"), TokenAmount.parse("60000000000000"));
      Path data = Files.createTempDirectory("hermes-bench-tunnel");
      ProviderService service =
          ProviderNode.start(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              provider,
              providerKey,
              new ProviderSettings(
                  price,
                  d.chainId(),
                  d.hermesId(),
                  d.hermesOperator(),
                  d.registry(),
                  d.channelImplementation(),
                  InvoiceSchedule.Settings.upstream(),
                  10,
                  Duration.ofSeconds(1),
                  0),
              ExitConnector.system(
                  new DestinationPolicy(List.of(Cidr.parse("127.0.0.1/32")), List.of(), false),
                  Duration.ofSeconds(5)),
              hub,
              data.resolve("provider"),
              c -> null,
              e -> SettlementTrigger.NONE,
              Clock.systemUTC(),
              secp);
      ConsumerNode node =
          ConsumerNode.start(
              new ConsumerSettings(
                  service.address(),
                  provider.address(),
                  d.chainId(),
                  d.hermesId(),
                  d.registry(),
                  d.channelImplementation(),
                  price,
                  new Tolerance(Tolerance.DEFAULT_DATA_LEEWAY),
                  Duration.ofSeconds(40),
                  -1),
              consumer,
              hub,
              data.resolve("consumer"),
              0,
              Clock.systemUTC(),
              secp);
      InetSocketAddress target = (InetSocketAddress) source.getLocalSocketAddress();
      Proxy socks = new Proxy(Proxy.Type.SOCKS, node.proxyAddress());
      ProcessHandle hubProcess = ProcessHandle.of(net.hub().pid()).orElseThrow();

      transfer(Proxy.NO_PROXY, target, bytes, "warm-up direct");
      transfer(
          socks,
          InetSocketAddress.createUnresolved("127.0.0.1", target.getPort()),
          bytes,
          "warm-up tunnel");
      ConsumerStatus start = node.session().status();
      Duration hubCpuStart = hubProcess.info().totalCpuDuration().orElse(Duration.ZERO);
      long tunnelWall = 0;
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        samples.add(transfer(Proxy.NO_PROXY, target, bytes, "direct"));
        Sample t =
            transfer(
                socks,
                InetSocketAddress.createUnresolved("127.0.0.1", target.getPort()),
                bytes,
                "tunnel");
        tunnelWall += t.wallNanos();
        samples.add(t);
      }
      ConsumerStatus end = node.session().status();
      Duration hubCpu =
          hubProcess.info().totalCpuDuration().orElse(Duration.ZERO).minus(hubCpuStart);
      report(samples, start, end, tunnelWall, hubCpu, bytes * runs);
      node.close();
      service.close();
    }
    return 0;
  }

  private void report(
      List<Sample> samples,
      ConsumerStatus start,
      ConsumerStatus end,
      long tunnelWall,
      Duration hubCpu,
      long tunnelBytes) {
    System.out.println();
    System.out.println("run  kind    MiB/s   CPU-s/GiB  MiB per CPU-s");
    int n = 0;
    for (Sample s : samples) {
      System.out.printf(
          "%3d  %-6s %7.1f   %9.3f  %13.1f%n",
          ++n / 2 + n % 2, s.kind(), s.mibPerSecond(), s.cpuSecondsPerGib(), s.mibPerCpuSecond());
    }
    double direct =
        median(
            samples.stream()
                .filter(s -> s.kind().equals("direct"))
                .mapToDouble(Sample::mibPerSecond)
                .toArray());
    double tunnel =
        median(
            samples.stream()
                .filter(s -> s.kind().equals("tunnel"))
                .mapToDouble(Sample::mibPerSecond)
                .toArray());
    double directCpu =
        median(
            samples.stream()
                .filter(s -> s.kind().equals("direct"))
                .mapToDouble(Sample::mibPerCpuSecond)
                .toArray());
    double tunnelCpu =
        median(
            samples.stream()
                .filter(s -> s.kind().equals("tunnel"))
                .mapToDouble(Sample::mibPerCpuSecond)
                .toArray());
    double tunnelCpuPerGib =
        median(
            samples.stream()
                .filter(s -> s.kind().equals("tunnel"))
                .mapToDouble(Sample::cpuSecondsPerGib)
                .toArray());
    int invoices = end.invoices() - start.invoices();
    long control = end.controlBytes() - start.controlBytes();
    double minutes = tunnelWall / 60e9;
    System.out.printf(
        "%nmedians: direct %.1f MiB/s, tunnel %.1f MiB/s, ratio %.1f %%%n",
        direct, tunnel, 100 * tunnel / direct);
    System.out.printf(
        "per CPU-second (this JVM): direct %.1f MiB, tunnel %.1f MiB, ratio %.1f %%; tunnel CPU %.3f s per GiB%n",
        directCpu, tunnelCpu, 100 * tunnelCpu / directCpu, tunnelCpuPerGib);
    System.out.printf(
        "payments while tunnelling %.2f GiB in %.1f s: %d invoices paid (%d hub calls: request_promise + reveal_r), %.1f hub calls per minute%n",
        tunnelBytes / (double) GIB,
        tunnelWall / 1e9,
        invoices,
        2 * invoices,
        2 * invoices / minutes);
    System.out.printf(
        "control bytes %d against %d data bytes: %.5f %%; hub process CPU %.2f s%n",
        control, tunnelBytes, 100.0 * control / tunnelBytes, hubCpu.toMillis() / 1000.0);
  }

  private static double median(double[] values) {
    java.util.Arrays.sort(values);
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  private Sample transfer(Proxy proxy, InetSocketAddress target, long bytes, String kind)
      throws IOException {
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long received = 0;
    try (Socket socket = new Socket(proxy)) {
      socket.connect(target, 30_000);
      socket.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        received += n;
      }
    }
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    if (received != bytes) {
      throw new IOException(kind + ": received " + received + " of " + bytes + " bytes");
    }
    Sample s = new Sample(kind.replace("warm-up ", ""), bytes, wall, cpu);
    if (kind.startsWith("warm-up")) {
      System.out.printf("%s: %.1f MiB/s%n", kind, s.mibPerSecond());
    }
    return s;
  }

  private static void serve(ServerSocket source, long bytes) {
    byte[] chunk = new byte[1024 * 1024];
    new Random(1).nextBytes(chunk);
    while (!source.isClosed()) {
      try {
        Socket s = source.accept();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (s) {
                    s.getInputStream().read(new byte[3]); // "go\n": the client is ready
                    OutputStream out = s.getOutputStream();
                    for (long left = bytes; left > 0; left -= chunk.length) {
                      out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                  } catch (IOException ignored) {
                    // the client went away
                  }
                });
      } catch (IOException closed) {
        return;
      }
    }
  }
}
