package network.hermes.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub as its own process, started from this JVM's class path (the demo module has the hub on
 * it) with embedded PostgreSQL, following the demo's devnet. Its output goes to a log file.
 */
final class HubLauncher implements AutoCloseable {
  private static final Pattern API = Pattern.compile("Hermes hub API: (http://\\S+)");

  private final Process process;
  private final String apiUrl;

  private HubLauncher(Process process, String apiUrl) {
    this.process = process;
    this.apiUrl = apiUrl;
  }

  static HubLauncher start(Map<String, String> settings, Path workDir, Path log, Duration timeout)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("network.hermes.hub.HubCommand");
    settings.forEach(
        (k, v) -> {
          command.add("--set");
          command.add(k + "=" + v);
        });
    Files.createDirectories(workDir);
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  Files.writeString(
                      log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                  Matcher m = API.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
                url.completeExceptionally(
                    new IOException("the hub exited with " + process.waitFor()));
              } catch (IOException | InterruptedException e) {
                url.completeExceptionally(e);
              }
            },
            "hub-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new HubLauncher(process, url.get(timeout.toSeconds(), TimeUnit.SECONDS));
    } catch (Exception e) {
      stop(process);
      throw new IOException("the hub did not start (see " + log + "): " + e.getMessage(), e);
    }
  }

  String apiUrl() {
    return apiUrl;
  }

  @Override
  public void close() {
    stop(process);
  }

  // SIGTERM lets the hub stop its embedded PostgreSQL; whatever is left after that is killed
  private static void stop(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle p : descendants) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}
