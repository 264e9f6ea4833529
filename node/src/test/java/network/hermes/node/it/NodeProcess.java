package network.hermes.node.it;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.hermes.testkit.ProcessTree;
import network.hermes.testkit.Waits;

/** A {@code hermes node} command run as its own process from the test's class path. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Path log;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    // a test run stopped from outside still leaves no node behind
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    Thread pump = new Thread(this::pump, "node-output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
  }

  static NodeProcess start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("network.hermes.node.cli.NodeCommand");
    command.addAll(args);
    Files.createDirectories(log.getParent());
    return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
  }

  private void pump() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** Waits for a line matching {@code regex} and returns its match. */
  Matcher await(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    return Waits.until(
        "a line matching " + regex + " from node " + process.pid() + "\n" + output(),
        timeout,
        () -> {
          synchronized (lines) {
            for (String line : lines) {
              Matcher m = pattern.matcher(line);
              if (m.find()) {
                return Optional.of(m);
              }
            }
          }
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "node exited " + process.exitValue() + ":\n" + output());
          }
          return Optional.empty();
        });
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node " + process.pid() + " still running:\n" + output());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the exit code. */
  int terminate() throws InterruptedException {
    ProcessTree.terminate(process.toHandle(), Duration.ofSeconds(10));
    return process.waitFor();
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill9() throws InterruptedException {
    ProcessTree.killAll(ProcessTree.kill(process.toHandle()));
    process.waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      ProcessTree.terminate(process.toHandle(), Duration.ofSeconds(5));
    }
  }
}
