package network.hermes.settler.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import network.hermes.tools.ExitCode;
import network.hermes.tools.ToolMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./hermes settle}: a provider's earnings and their settlement. */
@Command(
    name = "settle",
    mixinStandardHelpOptions = true,
    version = "hermes settle 0.1.0",
    subcommands = {
      StatusCommand.class,
      NowCommand.class,
      RunCommand.class,
      HistoryCommand.class,
      ResyncCommand.class
    },
    description = {
      "A provider's earnings at a hub and their settlement on chain.",
      "Settings: flags > environment (HERMES_SETTLE_<KEY>) > --config file > defaults.",
      "Exit codes: 0 ok, 1 refused or failed, 2 usage or malformed input, 3 hub unreachable,"
          + " 4 chain unreachable, 5 no usable key (unknown identity, wrong or missing password)."
    })
public final class SettleCommand implements Callable<Integer> {
  final Map<String, String> env;

  @Spec CommandSpec spec;

  /**
   * The command with the environment it reads settings and passwords from.
   *
   * @param env the environment
   */
  public SettleCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Runs the tool.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(
        ToolMain.execute(
            new SettleCommand(System.getenv()), "settle", args, System.out, System.err));
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
  }
}
