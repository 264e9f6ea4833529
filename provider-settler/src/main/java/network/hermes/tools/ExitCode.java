package network.hermes.tools;

/**
 * The exit codes of the consumer and provider tools, one table for both (docs/topup.md and
 * docs/settler.md list them).
 */
public enum ExitCode {
  /** Done. */
  OK(0),
  /**
   * Refused or failed: the chain, the hub or the tool's own checks said no (the reason says why).
   */
  REFUSED(1),
  /** Usage: an unknown option or setting, or malformed input (an address, an amount, a file). */
  USAGE(2),
  /** The hub could not be reached (or answered something that is not its API). */
  HUB_UNREACHABLE(3),
  /** The chain's JSON-RPC endpoint could not be reached. */
  CHAIN_UNREACHABLE(4),
  /** No usable key: unknown identity, wrong or missing password, unreadable keystore. */
  KEY(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /**
   * The process exit status.
   *
   * @return 0 to 5
   */
  public int code() {
    return code;
  }
}
