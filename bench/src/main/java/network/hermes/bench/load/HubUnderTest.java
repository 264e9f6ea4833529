package network.hermes.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub as built ({@code hermes-hub/target/classes} + its runtime class path), started as its own
 * OS process with its own embedded PostgreSQL, exactly as {@code ./hermes hub} runs it.
 */
final class HubUnderTest implements AutoCloseable {
  final Process process;
  final int port;
  final int dbPort;
  final Path dir;

  private HubUnderTest(Process process, int port, int dbPort, Path dir) {
    this.process = process;
    this.port = port;
    this.dbPort = dbPort;
    this.dir = dir;
  }

  static String classPath(Path root) throws IOException {
    Path hub = root.resolve("hermes-hub");
    Path cp = hub.resolve("target/runtime-classpath.txt");
    if (!Files.exists(cp)) {
      throw new IllegalStateException("build hermes-hub first (./hermes build)");
    }
    return hub.resolve("target/classes") + File.pathSeparator + Files.readString(cp).strip();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A hub someone else started (profiling runs): no process to measure or stop. */
  static HubUnderTest attach(int port, int dbPort) throws Exception {
    return new HubUnderTest(null, port, dbPort, Files.createTempDirectory("hermes-load"));
  }

  static HubUnderTest start(
      Path root, boolean asBuilt, List<String> jvmExtra, List<String> settings) throws Exception {
    return start(root, asBuilt, jvmExtra, settings, 0);
  }

  /**
   * A second hub instance on the first one's PostgreSQL (the way an operator scales out): it keeps
   * no database of its own.
   */
  static HubUnderTest join(
      Path root, boolean asBuilt, List<String> jvmExtra, List<String> settings, HubUnderTest first)
      throws Exception {
    return start(root, asBuilt, jvmExtra, settings, first.dbPort);
  }

  private static HubUnderTest start(
      Path root, boolean asBuilt, List<String> jvmExtra, List<String> settings, int sharedDbPort)
      throws Exception {
    Path dir = Files.createTempDirectory("hermes-load");
    int port = freePort();
    int dbPort = sharedDbPort > 0 ? sharedDbPort : freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx1g");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    if (!asBuilt) {
      cmd.add("-Dhermes.secp256k1=java");
    }
    cmd.addAll(jvmExtra);
    cmd.add("-cp");
    cmd.add(classPath(root));
    cmd.add("network.hermes.hub.HubCommand");
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    cmd.add("--data-dir");
    cmd.add(dir.toString());
    cmd.add("--set");
    cmd.add(
        sharedDbPort > 0
            ? "db.url=postgresql://postgres@localhost:" + dbPort + "/postgres"
            : "db.embedded-port=" + dbPort);
    cmd.add("--set");
    cmd.add("chain.mode=offline");
    cmd.add("--set");
    cmd.add("batch.enabled=" + asBuilt);
    cmd.add("--set");
    cmd.add("db.pool-size=" + (asBuilt ? 8 : 32));
    for (String kv : settings) {
      cmd.add("--set");
      cmd.add(kv);
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("hub.log").toFile())
            .start();
    HubUnderTest hub = new HubUnderTest(p, port, dbPort, dir);
    hub.awaitReady();
    return hub;
  }

  void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException("hub exited: " + Files.readString(dir.resolve("hub.log")));
      }
      try {
        var r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("hub not ready");
  }

  /** Writes consumer facts through the hub's own seed-facts command. */
  void seedConsumers(Path root, Path file) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                classPath(root),
                "network.hermes.hub.HubCommand",
                "seed-facts",
                "--db-url",
                "postgresql://postgres@localhost:" + dbPort + "/postgres",
                "--consumers-file",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("seed.log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "seeding failed: " + Files.readString(dir.resolve("seed.log")));
    }
  }

  /**
   * CPU seconds (user + system) of the hub JVM, and of its PostgreSQL processes (none for an
   * instance that joined another's database).
   */
  double[] cpuSeconds() {
    if (process == null) {
      return new double[] {0, 0};
    }
    double hub = Cpu.seconds(process.pid());
    if (!Files.isDirectory(dir.resolve("hub-db"))) {
      return new double[] {hub, 0};
    }
    // pg_ctl daemonizes the postmaster: find it by its data folder, then count its backends
    String dataDir = dir.resolve("hub-db").toString();
    double pg =
        ProcessHandle.allProcesses()
            .filter(h -> h.pid() != process.pid() && Cpu.cmdline(h.pid()).contains("-D " + dataDir))
            .mapToDouble(
                h ->
                    Cpu.seconds(h.pid())
                        + h.descendants().mapToDouble(d -> Cpu.seconds(d.pid())).sum())
            .sum();
    return new double[] {hub, pg};
  }

  String scrape() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Starts a flight recording of the hub JVM for the measured window. */
  void startRecording(Path file, int seconds) throws Exception {
    String jcmd =
        Path.of(ProcessHandle.current().info().command().orElse("java"))
            .resolveSibling("jcmd")
            .toString();
    new ProcessBuilder(
            jcmd,
            Long.toString(process.pid()),
            "JFR.start",
            "name=load",
            "settings=profile",
            "duration=" + seconds + "s",
            "filename=" + file)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("jcmd.log").toFile())
        .start()
        .waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt(); // the hub is killed; the caller sees the interrupt
    }
  }
}
