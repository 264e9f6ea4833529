package network.hermes.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real hub as its own OS process ({@code java -cp <the test's class path>
 * network.hermes.hub.HubCommand}), configured with {@code --set key=value} settings, its output
 * appended to a log file. The module using it declares {@code hermes-hub} as a test dependency so
 * the hub is on its class path. Stopped by {@link #close()} with everything it started.
 */
public final class HubProcess implements AutoCloseable {
  /** The hub's main class. */
  public static final String MAIN_CLASS = "network.hermes.hub.HubCommand";

  private static final Pattern API_LINE = Pattern.compile("Hermes hub API: (http://\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Map<String, String> settings;
  private final Path workDir;
  private final Path log;
  private final Process process;
  private final String apiUrl;
  private final int port;

  private HubProcess(
      Map<String, String> settings, Path workDir, Path log, Process process, String apiUrl) {
    this.settings = settings;
    this.workDir = workDir;
    this.log = log;
    this.process = process;
    this.apiUrl = apiUrl;
    this.port = URI.create(apiUrl).getPort();
  }

  /**
   * Starts a hub and waits until it prints its API URL and {@code /readyz} answers 200.
   *
   * @param settings hub settings as {@code key=value} (see docs/hub.md); {@code http.port} 0 or
   *     absent picks a free port
   * @param workDir the hub's working folder (its relative default paths resolve there)
   * @param log the file its output is appended to
   * @return the ready hub
   * @throws IOException if it cannot be started
   * @throws IllegalStateException if it exits or is not ready in time (the message holds the log)
   */
  public static HubProcess start(Map<String, String> settings, Path workDir, Path log)
      throws IOException {
    requireHubOnClassPath();
    Map<String, String> copy = new LinkedHashMap<>(settings);
    copy.putIfAbsent("http.port", "0");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    copy.forEach(
        (k, v) -> {
          command.add("--set");
          command.add(k + "=" + v);
        });
    Files.createDirectories(workDir);
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> announced = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, announced), "hub-output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
    String url;
    try {
      url = announced.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessTree.terminate(process.toHandle(), Duration.ZERO);
      throw new IllegalStateException("interrupted while starting the hub", e);
    } catch (ExecutionException | TimeoutException e) {
      ProcessTree.terminate(process.toHandle(), Duration.ofSeconds(5));
      throw new IllegalStateException("hub did not start:\n" + tail(log), e);
    }
    HubProcess hub = new HubProcess(copy, workDir, log, process, url);
    hub.awaitReady(START_TIMEOUT);
    return hub;
  }

  private static void requireHubOnClassPath() {
    try {
      Class.forName(MAIN_CLASS, false, HubProcess.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the hub is not on the test class path: declare network.hermes:hermes-hub as a test"
              + " dependency of the module using the testkit",
          e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<String> announced) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        Matcher m = API_LINE.matcher(line);
        if (!announced.isDone() && m.find()) {
          announced.complete(m.group(1));
        }
      }
      announced.completeExceptionally(
          new IOException("hub exited with status " + process.waitFor()));
    } catch (IOException e) {
      announced.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      announced.completeExceptionally(e);
    }
  }

  /**
   * Polls {@code /readyz} until it answers 200.
   *
   * @param timeout the deadline
   * @throws IllegalStateException if the hub exits or is not ready in time
   */
  public void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
    try {
      Waits.untilTrue(
          "hub " + apiUrl + " ready",
          timeout,
          () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("hub exited with status " + process.exitValue());
            }
            HttpResponse<Void> r =
                http.send(
                    HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
          });
    } catch (AssertionError e) {
      throw new IllegalStateException(e.getMessage() + "\n" + tail(log), e);
    }
  }

  /**
   * The promise API's base URL as the hub printed it.
   *
   * @return e.g. {@code http://127.0.0.1:41234/api/v2}
   */
  public String apiUrl() {
    return apiUrl;
  }

  /**
   * The HTTP port (kept by {@link #restart()}).
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The OS process id.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Whether the process still runs.
   *
   * @return true while alive
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The file the hub's output goes to.
   *
   * @return the log file
   */
  public Path log() {
    return log;
  }

  /**
   * The settings it was started with.
   *
   * @return the settings, {@code http.port} included
   */
  public Map<String, String> settings() {
    return Map.copyOf(settings);
  }

  /**
   * SIGTERM, the graceful path; SIGKILL to it and its children after a grace period.
   *
   * @return the exit status
   */
  public int terminate() {
    ProcessTree.terminate(process.toHandle(), STOP_GRACE);
    return exitStatus();
  }

  /**
   * SIGKILL, like {@code kill -9}: no shutdown hook runs.
   *
   * @return the processes the hub had started, as the crash left them
   */
  public List<ProcessHandle> kill() {
    return ProcessTree.kill(process.toHandle());
  }

  /**
   * Starts the hub again with the same settings, port and log, after {@link #terminate()} or {@link
   * #kill()}.
   *
   * @return the new, ready process
   * @throws IOException if it cannot be started
   */
  public HubProcess restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException("stop the hub before restarting it");
    }
    Map<String, String> again = new LinkedHashMap<>(settings);
    again.put("http.port", Integer.toString(port));
    return start(again, workDir, log);
  }

  /**
   * The last lines of the hub's log, for failure messages.
   *
   * @return up to 80 lines
   */
  public String logTail() {
    return tail(log);
  }

  /**
   * Whether the log holds a line matching {@code regex}.
   *
   * @param regex the pattern
   * @return the first matching line, if any
   */
  public Optional<String> logLine(String regex) {
    Pattern p = Pattern.compile(regex);
    try {
      return Files.readAllLines(log).stream().filter(l -> p.matcher(l).find()).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int exitStatus() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      terminate();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
