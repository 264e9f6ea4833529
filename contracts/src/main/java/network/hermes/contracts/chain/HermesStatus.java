package network.hermes.contracts.chain;

/** The hub contract's status, in the contract's enum order. */
public enum HermesStatus {
  ACTIVE,
  PAUSED,
  PUNISHMENT,
  CLOSED;

  static HermesStatus fromOrdinal(int ordinal) {
    HermesStatus[] all = values();
    if (ordinal < 0 || ordinal >= all.length) {
      throw new ChainException("unknown hub status " + ordinal);
    }
    return all[ordinal];
  }
}
