package network.hermes.topup.cli;

import java.util.Map;
import network.hermes.tools.Console;
import network.hermes.tools.ToolConfig;
import network.hermes.tools.ToolException;
import network.hermes.tools.ToolSubcommand;
import network.hermes.topup.TopUp;

/** A topup command: the tools' common options and a topup session. */
abstract class TopUpSubcommand extends ToolSubcommand<TopUpSession> {
  /** The tool's root command, for its environment. */
  abstract TopUpCommand root();

  /** The command's work. */
  abstract int work(TopUpSession session) throws Exception;

  @Override
  protected final int run(TopUpSession session) throws Exception {
    try {
      return work(session);
    } catch (TopUp.RefusedException e) {
      throw ToolException.refused("refused: " + e.getMessage());
    }
  }

  @Override
  protected String tool() {
    return "topup";
  }

  @Override
  protected Map<String, String> env() {
    return root().env;
  }

  @Override
  protected Map<String, String> defaults() {
    return TopUpSettings.DEFAULTS;
  }

  @Override
  protected String envPrefix() {
    return TopUpSettings.ENV_PREFIX;
  }

  @Override
  protected TopUpSession session(ToolConfig config, Console console) {
    return new TopUpSession(config, console, root().env);
  }
}
