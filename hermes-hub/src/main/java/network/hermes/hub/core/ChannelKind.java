package network.hermes.hub.core;

/** The two ledgers a provider identity has in the Hermes contract. */
public enum ChannelKind {
  /** keccak(identity ‖ hermes): earnings from consumers. */
  EARNINGS,
  /** keccak(identity ‖ hermes ‖ "withdrawal"): pay-and-settle withdrawals. */
  WITHDRAWAL
}
