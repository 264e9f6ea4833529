package network.hermes.chaintests.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import network.hermes.chaintests.support.SharedWorld;
import network.hermes.chaintests.support.World;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hermes fuzz}: fuzzes the hub's API on a fresh test network (devnet, PostgreSQL, a hub
 * process) and prints what it sent, got and found. Exit status 0 when the hub kept its contract, 1
 * when it did not, 2 for usage errors.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = {
      "Fuzzes a hub's HTTP API on a fresh local network: honest, mutated, byte-level, random and"
          + " malformed-HTTP requests from several connections at once.",
      "Checks: the hub keeps running; every error is {cause, message} JSON with a documented"
          + " cause and status; no 5xx but internal error; every row written during the run comes"
          + " from an accepted request, and every accepted promise is stored.",
      "Exit status: 0 the hub kept its contract, 1 it did not, 2 usage."
    })
public final class FuzzCommand implements Callable<Integer> {
  @Option(
      names = "--requests",
      defaultValue = "100000",
      description = "requests to send (default ${DEFAULT-VALUE})")
  long requests;

  @Option(
      names = "--seconds",
      defaultValue = "600",
      description = "stop after this long at the latest (default ${DEFAULT-VALUE})")
  long seconds;

  @Option(
      names = "--workers",
      defaultValue = "6",
      description = "concurrent connections (default ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--seed", description = "the generators' seed (default: random, printed)")
  Long seed;

  @Option(
      names = "--lenient",
      description =
          "tolerate the defects an older hub had: malformed-HTTP answers without JSON, empty rows"
              + " left by refused requests")
  boolean lenient;

  @Option(names = "--report", description = "also write the report to this file")
  Path reportFile;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new FuzzCommand());
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          System.err.println("fuzz: " + e.getMessage() + " (see --help)");
          return 2;
        });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (requests < 1 || seconds < 1 || workers < 1 || workers > 64) {
      System.err.println("fuzz: --requests and --seconds must be positive, --workers 1 to 64");
      return 2;
    }
    long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
    System.err.println("fuzz: starting a test network (seed " + s + ")");
    try (World world = World.start(SharedWorld.SETTINGS)) {
      System.err.println("fuzz: hub at " + world.hubProcess().apiUrl() + "; sending");
      FuzzReport report =
          new Fuzzer(
                  world,
                  new Fuzzer.Settings(requests, Duration.ofSeconds(seconds), workers, s, !lenient))
              .run();
      String text = "seed " + s + (lenient ? ", lenient" : "") + "\n" + report.render();
      System.out.print(text);
      if (reportFile != null) {
        Files.writeString(reportFile, text);
      }
      return report.passed() ? 0 : 1;
    }
  }
}
