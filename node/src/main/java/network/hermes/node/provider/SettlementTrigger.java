package network.hermes.node.provider;

/**
 * Tells the provider's settlement when there is something to settle (provider-settler's
 * auto-settler).
 */
public interface SettlementTrigger {
  /** No automatic settlement. */
  SettlementTrigger NONE =
      new SettlementTrigger() {
        @Override
        public void earned() {}

        @Override
        public void exhausted() {}
      };

  /** A new hub promise is stored and its R revealed: settle if the policy says so. */
  void earned();

  /** The hub said the provider's balance is exhausted: settle now. */
  void exhausted();
}
