package network.hermes.testkit;

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

/**
 * A {@code hermes node} command ({@code provider} or {@code consumer}) run as its own process from
 * the test's class path, its output kept in memory and appended to a log file. The module using it
 * declares {@code node} as a test dependency so the node is on its class path.
 */
public final class NodeProcess implements AutoCloseable {
  /** The node's main class. */
  public static final String MAIN_CLASS = "network.hermes.node.cli.NodeCommand";

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

  /**
   * Starts {@code hermes node} with {@code args} (the subcommand first).
   *
   * @param log the file its output is appended to
   * @param args the command line after {@code node}
   * @return the running node
   * @throws IOException if it cannot be started
   */
  public static NodeProcess start(Path log, List<String> args) throws IOException {
    requireNodeOnClassPath();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx256m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    command.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    return new NodeProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
  }

  private static void requireNodeOnClassPath() {
    try {
      Class.forName(MAIN_CLASS, false, NodeProcess.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the node is not on the test class path: declare network.hermes:node as a test"
              + " dependency of the module using the testkit",
          e);
    }
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

  /**
   * Waits for a line matching {@code regex} (among every line printed so far) and returns its
   * match.
   *
   * @throws IllegalStateException if the node exits first
   */
  public Matcher await(String regex, Duration timeout) {
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

  /** Everything it printed so far, one line each. */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Waits for it to exit by itself and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node " + process.pid() + " still running:\n" + output());
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then waits for the exit code. */
  public int terminate() throws InterruptedException {
    ProcessTree.terminate(process.toHandle(), Duration.ofSeconds(10));
    return process.waitFor();
  }

  /** SIGKILL, like {@code kill -9}: no shutdown hook runs. */
  public void kill9() throws InterruptedException {
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
