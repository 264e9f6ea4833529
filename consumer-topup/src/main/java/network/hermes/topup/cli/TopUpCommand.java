package network.hermes.topup.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import network.hermes.tools.ExitCode;
import network.hermes.tools.ToolMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./hermes topup}: a consumer's identities, top-up, registration, balance and withdrawal.
 */
@Command(
    name = "topup",
    mixinStandardHelpOptions = true,
    version = "hermes topup 0.1.0",
    subcommands = {
      IdentityCommand.class,
      AddressCommand.class,
      SendCommand.class,
      RegisterCommand.class,
      BalanceCommand.class,
      WithdrawCommand.class
    },
    description = {
      "A consumer's side of a Hermes hub: identities, the channel (top-up) address, funding it"
          + " from any wallet, registration, balance and withdrawal.",
      "Settings: flags > environment (HERMES_TOPUP_<KEY>) > --config file > defaults.",
      "Exit codes: 0 ok, 1 refused or failed, 2 usage or malformed input, 3 hub unreachable,"
          + " 4 chain unreachable, 5 no usable key (unknown identity, wrong or missing password)."
    })
public final class TopUpCommand implements Callable<Integer> {
  final Map<String, String> env;

  @Spec CommandSpec spec;

  /**
   * The command with the environment it reads settings and passwords from.
   *
   * @param env the environment
   */
  public TopUpCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Runs the tool.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(
        ToolMain.execute(new TopUpCommand(System.getenv()), "topup", args, System.out, System.err));
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE.code();
  }
}
