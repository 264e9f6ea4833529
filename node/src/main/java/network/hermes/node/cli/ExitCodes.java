package network.hermes.node.cli;

/** Exit codes of the node commands (docs/node.md lists them). */
final class ExitCodes {
  /** Finished normally (a signal gives the shell's 128 + signal instead, after a clean stop). */
  static final int OK = 0;

  /** Bad arguments. */
  static final int USAGE = 2;

  /** Could not start: keystore, deployment, hub unreachable, port in use, not registered. */
  static final int START = 3;

  /** The session was refused or ended by either side (overcharge, balance, non-payment). */
  static final int SESSION = 4;

  private ExitCodes() {}
}
