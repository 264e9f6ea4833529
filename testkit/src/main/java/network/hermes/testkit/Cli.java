package network.hermes.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command-line program in-process, capturing both streams, with options every call shares
 * (placed right after the command's name).
 */
public final class Cli {
  /** A program's entry point that returns its exit code instead of exiting. */
  @FunctionalInterface
  public interface Program {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  /** What one run printed and returned. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private final Program program;
  private final List<String> common;

  public Cli(Program program, List<String> common) {
    this.program = program;
    this.common = List.copyOf(common);
  }

  /** Runs a command; {@code words} is the command's name (one or two words), then its options. */
  public Result run(int words, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(words, common);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        program.run(
            all.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a one-word command. */
  public Result run(String... args) {
    return run(1, args);
  }

  /** The same program with more shared options. */
  public Cli with(List<String> more) {
    List<String> c = new ArrayList<>(common);
    c.addAll(more);
    return new Cli(program, c);
  }

  public List<String> common() {
    return common;
  }
}
