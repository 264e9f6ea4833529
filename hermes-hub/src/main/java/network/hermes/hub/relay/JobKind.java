package network.hermes.hub.relay;

/** What a relay job sends, and which fee quote pays for it. */
public enum JobKind {
  REGISTER(FeeKind.REGISTER),
  SETTLE(FeeKind.SETTLE),
  SETTLE_WITH_BENEFICIARY(FeeKind.SETTLE),
  SETTLE_INTO_STAKE(FeeKind.SETTLE),
  PAY_AND_SETTLE(FeeKind.SETTLE),
  DECREASE_STAKE(FeeKind.STAKE_DECREASE);

  private final FeeKind fee;

  JobKind(FeeKind fee) {
    this.fee = fee;
  }

  public FeeKind fee() {
    return fee;
  }
}
