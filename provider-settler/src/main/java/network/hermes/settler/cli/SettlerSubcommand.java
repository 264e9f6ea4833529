package network.hermes.settler.cli;

import java.util.Map;
import network.hermes.tools.Console;
import network.hermes.tools.ToolConfig;
import network.hermes.tools.ToolSubcommand;
import picocli.CommandLine.ParentCommand;

/** A settler command: the tools' common options and a settler session. */
abstract class SettlerSubcommand extends ToolSubcommand<SettlerSession> {
  @ParentCommand SettleCommand root;

  @Override
  protected String tool() {
    return "settle";
  }

  @Override
  protected Map<String, String> env() {
    return root.env;
  }

  @Override
  protected Map<String, String> defaults() {
    return SettlerSettings.DEFAULTS;
  }

  @Override
  protected String envPrefix() {
    return SettlerSettings.ENV_PREFIX;
  }

  @Override
  protected SettlerSession session(ToolConfig config, Console console) {
    return new SettlerSession(config, console, root.env);
  }
}
