package network.hermes.tools;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command of one of the tools: the common options, {@code --help}, and a session built from the
 * settings for the command's work.
 *
 * @param <S> the tool's session
 */
public abstract class ToolSubcommand<S extends ToolSession> implements Callable<Integer> {
  /** The options every command takes. */
  @Mixin protected ToolOptions options;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  /** The command's picocli model, for its output streams. */
  @Spec protected CommandSpec spec;

  /**
   * The tool's name on progress and error lines.
   *
   * @return e.g. {@code settle}
   */
  protected abstract String tool();

  /**
   * The environment settings and passwords are read from.
   *
   * @return the environment
   */
  protected abstract Map<String, String> env();

  /**
   * The tool's settings with their defaults.
   *
   * @return the settings
   */
  protected abstract Map<String, String> defaults();

  /**
   * The prefix of the tool's environment variables.
   *
   * @return e.g. {@code HERMES_SETTLE_}
   */
  protected abstract String envPrefix();

  /**
   * The tool's session over the settings.
   *
   * @param config the settings
   * @param console the output
   * @return the session
   */
  protected abstract S session(ToolConfig config, Console console);

  /**
   * The command's work.
   *
   * @param session the session
   * @return the exit status
   * @throws Exception anything; {@link ToolMain} turns it into an exit code and one line
   */
  protected abstract int run(S session) throws Exception;

  @Override
  public final Integer call() throws Exception {
    Console console =
        new Console(
            tool(), spec.commandLine().getOut(), spec.commandLine().getErr(), options.json());
    try (S session = session(options.load(defaults(), envPrefix(), env()), console)) {
      return run(session);
    }
  }
}
