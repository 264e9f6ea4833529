package network.hermes.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import network.hermes.contracts.chain.ChainException;
import network.hermes.contracts.keys.KeystoreException;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubException;
import network.hermes.settler.settle.HubCallException;
import network.hermes.settler.settle.SettlementFailedException;
import network.hermes.settler.settle.SettlementRefusedException;
import network.hermes.settler.store.StoreException;
import picocli.CommandLine;

/**
 * Runs a tool's picocli command and turns every failure into one line on standard error and an
 * {@link ExitCode}.
 */
public final class ToolMain {
  private ToolMain() {}

  /**
   * An exit code with its one-line reason.
   *
   * @param code the exit code
   * @param message the reason
   */
  public record Outcome(ExitCode code, String message) {}

  /**
   * Runs a command.
   *
   * @param command the picocli command object
   * @param tool the name on error lines
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  public static int execute(
      Object command, String tool, String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(command);
    cli.setOverwrittenOptionsAllowed(true); // the last of a repeated option wins, as in most tools
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          err.println(tool + ": " + e.getMessage() + " (see --help)");
          err.flush();
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          Outcome outcome = classify(e);
          err.println(tool + ": " + outcome.message().replace('\n', ' '));
          err.flush();
          return outcome.code().code();
        });
    return cli.execute(args);
  }

  /**
   * The exit code and reason of a failure.
   *
   * @param t what was thrown
   * @return the outcome
   */
  public static Outcome classify(Throwable t) {
    return switch (t) {
      case ToolException e -> new Outcome(e.exitCode(), e.getMessage());
      case SettlementRefusedException e ->
          new Outcome(ExitCode.REFUSED, "refused: " + e.getMessage());
      case SettlementFailedException e ->
          new Outcome(ExitCode.REFUSED, "failed: " + e.getMessage());
      case HubCallException e when e.isUnreachable() ->
          new Outcome(ExitCode.HUB_UNREACHABLE, "the hub is unreachable: " + e.getMessage());
      case HubCallException e ->
          new Outcome(ExitCode.REFUSED, "the hub refused: " + e.getMessage());
      case HubException e
          when e.kind() == HubCause.UNREACHABLE || e.kind() == HubCause.BAD_RESPONSE ->
          new Outcome(ExitCode.HUB_UNREACHABLE, e.getMessage());
      case HubException e -> new Outcome(ExitCode.REFUSED, "the hub refused: " + e.getMessage());
      case ChainException e when connectionFailure(e) ->
          new Outcome(ExitCode.CHAIN_UNREACHABLE, "the chain is unreachable: " + e.getMessage());
      case ChainException e ->
          new Outcome(ExitCode.REFUSED, "the chain refused: " + e.getMessage());
      case KeystoreException e -> new Outcome(ExitCode.KEY, e.getMessage());
      case StoreException e -> new Outcome(ExitCode.REFUSED, e.getMessage());
      case IllegalArgumentException e -> new Outcome(ExitCode.USAGE, e.getMessage());
      default ->
          new Outcome(ExitCode.REFUSED, t.getClass().getSimpleName() + ": " + t.getMessage());
    };
  }

  /** Whether a chain failure is the node not answering (as opposed to refusing a call). */
  static boolean connectionFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
