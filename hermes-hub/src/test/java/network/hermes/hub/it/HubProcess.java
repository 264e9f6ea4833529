package network.hermes.hub.it;

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

/** A hub started as a separate OS process (java -cp <this test class path> HubCommand). */
final class HubProcess implements AutoCloseable {
  private final Process process;
  final int port;
  final Path log;

  private HubProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A hub in offline mode on an external database. */
  static HubProcess start(String dbUrl, int port, Path log, String... sets) throws Exception {
    return launch(List.of("--db-url", dbUrl), port, log, sets);
  }

  /** A hub in offline mode with its embedded PostgreSQL on {@code dataDir}, on a free port. */
  static HubProcess startEmbedded(Path dataDir, int port, Path log, String... sets)
      throws Exception {
    return launch(List.of("--data-dir", dataDir.toString()), port, log, sets);
  }

  /** The JDBC URL of the embedded database, from the last start in the log. */
  String embeddedJdbcUrl() throws IOException {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("embedded PostgreSQL on port (\\d+)")
            .matcher(Files.readString(log));
    String port = null;
    while (m.find()) {
      port = m.group(1);
    }
    if (port == null) {
      throw new IllegalStateException("no embedded database in the log");
    }
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  private static HubProcess launch(List<String> database, int port, Path log, String... sets)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("network.hermes.hub.HubCommand");
    cmd.addAll(database);
    cmd.add("--port");
    cmd.add(Integer.toString(port));
    cmd.add("--set");
    cmd.add("chain.mode=offline");
    for (String s : sets) {
      cmd.add("--set");
      cmd.add(s);
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .directory(new File(System.getProperty("java.io.tmpdir")))
            .start();
    HubProcess hub = new HubProcess(p, port, log);
    hub.awaitReady(Duration.ofSeconds(90));
    return hub;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port + "/api/v2";
  }

  /** Polls /readyz until it answers 200 (a deadline, not a sleep for ordering). */
  void awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("hub exited early:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("hub not ready in " + timeout + ":\n" + Files.readString(log));
  }

  /** kill -9: no shutdown hook, no flush, nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the graceful shutdown path. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the process is killed; the caller sees the interrupt
      }
    }
  }
}
