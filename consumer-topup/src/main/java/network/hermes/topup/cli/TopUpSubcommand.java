package network.hermes.topup.cli;

import java.util.concurrent.Callable;
import network.hermes.tools.Console;
import network.hermes.tools.ToolException;
import network.hermes.tools.ToolOptions;
import network.hermes.topup.TopUp;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every topup command shares: the common options and a session built from them. */
abstract class TopUpSubcommand implements Callable<Integer> {
  @Mixin ToolOptions options;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Spec CommandSpec spec;

  /** The command's work. */
  abstract int run(TopUpSession session) throws Exception;

  /** The tool's root command, for its environment. */
  abstract TopUpCommand root();

  @Override
  public final Integer call() throws Exception {
    Console console =
        new Console(
            "topup", spec.commandLine().getOut(), spec.commandLine().getErr(), options.json());
    try (TopUpSession session =
        new TopUpSession(
            options.load(TopUpSettings.DEFAULTS, TopUpSettings.ENV_PREFIX, root().env),
            console,
            root().env)) {
      return run(session);
    } catch (TopUp.RefusedException e) {
      throw ToolException.refused("refused: " + e.getMessage());
    }
  }
}
