package network.hermes.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./hermes node}: the provider and consumer of metered tunnel sessions. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Metered tunnel sessions paid through the hub.",
    subcommands = {ProviderCommand.class, ConsumerCommand.class})
public final class NodeCommand implements Runnable {
  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "hermes-node-logback.xml");
    }
    System.exit(execute(args));
  }

  /** Runs the command line; bad arguments give exit code 2 with a one-line reason. */
  public static int execute(String... args) {
    CommandLine line = new CommandLine(new NodeCommand());
    line.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("hermes node: " + ex.getMessage());
          return ExitCodes.USAGE;
        });
    return line.execute(args);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }
}
