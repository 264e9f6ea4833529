package network.hermes.hub.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on a data folder by a hub that died without stopping it ({@code
 * kill -9}: the embedded server runs detached, so it outlives the hub). Found by the folder's
 * {@code postmaster.pid}, checked to be a postgres of that folder that no live hub uses, and
 * stopped cleanly (a fast shutdown), so that the next start takes the folder at once.
 */
final class StalePostmaster {
  private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);

  /** zonky's lock file: held by the process whose embedded server uses the folder. */
  static final String OWNER_LOCK = "epg-lock";

  private StalePostmaster() {}

  /**
   * Stops the server a dead hub left on {@code dataDir}, if any.
   *
   * @throws IllegalStateException when a running hub uses the folder, or the server will not stop
   */
  static void stopIfAny(Path dataDir) throws IOException, InterruptedException {
    Optional<ProcessHandle> left = find(dataDir);
    if (left.isEmpty()) {
      return;
    }
    if (ownedByALiveProcess(dataDir)) {
      throw new IllegalStateException(
          "the database folder " + dataDir + " is in use by another running hub");
    }
    ProcessHandle postmaster = left.get();
    LOG.warn(
        "a PostgreSQL server (pid {}) was left running on {} by a hub that did not stop it;"
            + " stopping it first",
        postmaster.pid(),
        dataDir);
    if (!fastShutdown(postmaster, dataDir)) {
      postmaster.destroy(); // SIGTERM: a smart shutdown, the dead hub's sessions are gone
    }
    try {
      postmaster.onExit().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "the PostgreSQL server " + postmaster.pid() + " left on " + dataDir + " did not stop");
    }
    LOG.info("the PostgreSQL server left on {} stopped", dataDir);
  }

  /**
   * The live postmaster the folder's postmaster.pid names, if it is a postgres serving this folder
   * (a pid file of a server that is gone, or whose pid now belongs to another program, is not).
   */
  static Optional<ProcessHandle> find(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!sameFolder(Path.of(lines.get(1).trim()), dataDir)) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> serves(p, dataDir));
  }

  private static boolean serves(ProcessHandle p, Path dataDir) {
    String command = p.info().command().orElse("");
    String line = p.info().commandLine().orElse("");
    return command.endsWith("postgres") && line.contains(dataDir.toString());
  }

  private static boolean sameFolder(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether a running process (this one or another) holds the folder's owner lock. */
  private static boolean ownedByALiveProcess(Path dataDir) throws IOException {
    Path lockFile = dataDir.resolve(OWNER_LOCK);
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock()) {
      return lock == null;
    } catch (OverlappingFileLockException e) {
      return true;
    }
  }

  /** {@code pg_ctl stop -m fast} with the server's own binaries; false when that cannot run. */
  private static boolean fastShutdown(ProcessHandle postmaster, Path dataDir)
      throws InterruptedException {
    Optional<Path> pgCtl =
        postmaster.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl"));
    if (pgCtl.isEmpty() || !Files.isExecutable(pgCtl.get())) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(
                  pgCtl.get().toString(), "-D", dataDir.toString(), "stop", "-m", "fast", "-w")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
