package network.hermes.settler.cli;

import java.util.concurrent.Callable;
import network.hermes.tools.Console;
import network.hermes.tools.ToolOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every settler command shares: the common options and a session built from them. */
abstract class SettlerSubcommand implements Callable<Integer> {
  @ParentCommand SettleCommand root;

  @Mixin ToolOptions options;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Spec CommandSpec spec;

  /** The command's work. */
  abstract int run(SettlerSession session) throws Exception;

  @Override
  public final Integer call() throws Exception {
    Console console =
        new Console(
            "settle", spec.commandLine().getOut(), spec.commandLine().getErr(), options.json());
    try (SettlerSession session =
        new SettlerSession(
            options.load(SettlerSettings.DEFAULTS, SettlerSettings.ENV_PREFIX, root.env),
            console,
            root.env)) {
      return run(session);
    }
  }
}
