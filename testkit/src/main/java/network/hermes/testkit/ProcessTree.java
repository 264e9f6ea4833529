package network.hermes.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process together with every process it started, so a test leaves nothing behind. */
public final class ProcessTree {
  private ProcessTree() {}

  /**
   * SIGTERM to {@code root}; after {@code grace} SIGKILL to it; then SIGKILL to any descendant
   * (seen before the signal) that outlived it.
   *
   * @param root the process
   * @param grace how long it may take to stop by itself
   * @return true when the root stopped within the grace period by itself
   */
  public static boolean terminate(ProcessHandle root, Duration grace) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroy();
    boolean graceful = awaitExit(root, grace);
    if (!graceful) {
      root.destroyForcibly();
      awaitExit(root, Duration.ofSeconds(10));
    }
    killAll(descendants);
    return graceful;
  }

  /**
   * SIGKILL to {@code root} only, like {@code kill -9}: its descendants are left as a crash leaves
   * them (see {@link #killAll} to clean them up afterwards).
   *
   * @param root the process
   * @return the descendants it had at the moment it was killed
   */
  public static List<ProcessHandle> kill(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroyForcibly();
    awaitExit(root, Duration.ofSeconds(10));
    return descendants;
  }

  /**
   * SIGKILL to each process still alive.
   *
   * @param processes the processes
   */
  public static void killAll(List<ProcessHandle> processes) {
    for (ProcessHandle p : processes) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : processes) {
      awaitExit(p, Duration.ofSeconds(10));
    }
  }

  private static boolean awaitExit(ProcessHandle p, Duration timeout) {
    CompletableFuture<ProcessHandle> exit = p.onExit();
    try {
      exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }
}
