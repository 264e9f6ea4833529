package network.hermes.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code curl -sS --max-time 60} as its own process, its body written to a file (so that a test can
 * see how much arrived while it runs) and its standard error to another.
 */
public final class Curl implements AutoCloseable {
  /** The longest a transfer may take; {@link #await} waits a little longer. */
  public static final Duration MAX_TIME = Duration.ofSeconds(60);

  /** How it ended: curl's exit code, what it printed on standard error, and the body it got. */
  public record Result(int exit, String stderr, byte[] body) {}

  private final Process process;
  private final Path body;
  private final Path stderr;

  private Curl(Process process, Path body, Path stderr) {
    this.process = process;
    this.body = body;
    this.stderr = stderr;
  }

  /**
   * Starts curl with {@code args} (options and the URL).
   *
   * @param dir a folder for the body and standard error files
   * @return the running transfer
   * @throws IOException if curl cannot be started
   */
  public static Curl start(Path dir, String... args) throws IOException {
    Path body = Files.createTempFile(dir, "curl-", ".out");
    Path stderr = Files.createTempFile(dir, "curl-", ".err");
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                Long.toString(MAX_TIME.toSeconds()),
                "-o",
                body.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    return new Curl(process, body, stderr);
  }

  /** Runs curl to its end. */
  public static Result run(Path dir, String... args) throws IOException, InterruptedException {
    try (Curl curl = start(dir, args)) {
      return curl.await();
    }
  }

  /** How many bytes of the body arrived so far. */
  public long received() throws IOException {
    return Files.size(body);
  }

  /**
   * Waits for curl to end (it gives up after {@link #MAX_TIME} by itself).
   *
   * @throws AssertionError if it is still running well after that
   */
  public Result await() throws IOException, InterruptedException {
    if (!process.waitFor(MAX_TIME.toSeconds() + 30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("curl hung");
    }
    return new Result(
        process.exitValue(),
        Files.readString(stderr, StandardCharsets.UTF_8),
        Files.readAllBytes(body));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
