package network.hermes.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hermes hub} with no options, as a user runs it, stopped with SIGTERM: every process it
 * started (the devnet's anvil, the embedded PostgreSQL and its backends) is gone when it has
 * exited. Processes are compared by PID, so the other anvils and databases on the machine do not
 * count.
 */
class LauncherStopIT {
  static final Duration START = Duration.ofSeconds(120);
  static final Duration STOP = Duration.ofSeconds(60);

  @Test
  void sigtermOfTheHubLeavesNoAnvilAndNoPostgresItStarted() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path dir = Files.createTempDirectory("hermes-launcher-it");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Path data = dir.resolve("db");
    ProcessBuilder pb =
        new ProcessBuilder(
                root.resolve("hermes").toString(),
                "hub",
                "--port",
                Integer.toString(HubProcess.freePort()),
                "--data-dir",
                data.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("HERMES_NO_BUILD", "1"); // the build that runs this test built the hub
    Process hub = pb.start();
    List<ProcessHandle> started = new ArrayList<>();
    try {
      awaitLine(hub, out, err, "Hermes hub API: ");

      // ./hermes execs the JVM: the process started is the hub; anvil is its child, and the
      // postmaster (which detaches from it) names itself in the data folder's postmaster.pid
      List<ProcessHandle> children = hub.descendants().toList();
      assertThat(children)
          .as("the devnet's anvil among the hub's processes")
          .anySatisfy(p -> assertThat(command(p)).endsWith("/bin/anvil"));
      ProcessHandle postmaster = postmaster(data).orElseThrow();
      assertThat(postmaster.isAlive()).isTrue();
      started.addAll(children);
      started.add(postmaster);
      started.addAll(postmaster.descendants().toList());

      hub.destroy(); // SIGTERM
      assertThat(hub.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)).as("the hub exits").isTrue();
      assertThat(hub.exitValue()).as("exit status, log:\n%s", log(err)).isIn(0, 143);
      // a process that just exited may still be in the table until its new parent reaps it
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      List<String> left = alive(started);
      while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        left = alive(started);
      }
      assertThat(left).as("processes the hub started that outlive it").isEmpty();
      assertThat(Files.readString(err)).doesNotContain("level=ERROR");
    } finally {
      hub.destroyForcibly();
      started.forEach(ProcessHandle::destroyForcibly);
      deleteTree(dir);
    }
  }

  /** Waits for a line of the hub's standard output (a poll with a deadline). */
  static void awaitLine(Process hub, Path out, Path err, String prefix) throws Exception {
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline)) {
      if (Files.readString(out).contains(prefix)) {
        return;
      }
      if (!hub.isAlive()) {
        throw new AssertionError("the hub exited early:\n" + log(err));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + prefix + "' within " + START + ":\n" + log(err));
  }

  /** The postmaster of a data folder, from the first line of its postmaster.pid. */
  static Optional<ProcessHandle> postmaster(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
    return ProcessHandle.of(pid);
  }

  static List<String> alive(List<ProcessHandle> processes) {
    return processes.stream().filter(ProcessHandle::isAlive).map(LauncherStopIT::describe).toList();
  }

  static String command(ProcessHandle p) {
    return p.info().command().orElse("");
  }

  static String describe(ProcessHandle p) {
    return p.pid() + " " + p.info().commandLine().orElse(command(p));
  }

  static String log(Path err) throws IOException {
    return Files.exists(err) ? Files.readString(err) : "";
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
