package network.hermes.tools;

import java.util.Objects;

/** Ends a tool command with an exit code and a one-line reason for standard error. */
public final class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  /**
   * Creates the exception.
   *
   * @param exitCode the exit code
   * @param message the reason, one line
   */
  public ToolException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param exitCode the exit code
   * @param message the reason, one line
   * @param cause the underlying failure
   */
  public ToolException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  /**
   * The exit code.
   *
   * @return the code the process ends with
   */
  public ExitCode exitCode() {
    return exitCode;
  }

  /**
   * A usage error.
   *
   * @param message what is wrong with the input
   * @return the exception
   */
  public static ToolException usage(String message) {
    return new ToolException(ExitCode.USAGE, message);
  }

  /**
   * A refusal.
   *
   * @param message why
   * @return the exception
   */
  public static ToolException refused(String message) {
    return new ToolException(ExitCode.REFUSED, message);
  }
}
