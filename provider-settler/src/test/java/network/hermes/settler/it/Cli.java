package network.hermes.settler.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.hermes.settler.cli.SettleCommand;
import network.hermes.tools.ToolMain;

/** Runs {@code settle} commands in-process with their own environment, capturing both streams. */
final class Cli {
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final Map<String, String> env;
  private final List<String> common;

  Cli(Map<String, String> env, List<String> common) {
    this.env = env;
    this.common = common;
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    // options after the subcommand name, which comes first
    all.addAll(1, common);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ToolMain.execute(
            new SettleCommand(env),
            "settle",
            all.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  List<String> common() {
    return common;
  }

  Cli with(List<String> more) {
    List<String> c = new ArrayList<>(common);
    c.addAll(more);
    return new Cli(env, c);
  }
}
