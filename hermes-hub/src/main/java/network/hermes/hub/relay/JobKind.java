package network.hermes.hub.relay;

import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RelayRequest;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RelayStakeDecrease;

/** What a relay job sends, the endpoint it came from, and which fee quote pays for it. */
public enum JobKind {
  REGISTER(FeeKind.REGISTER, RelayRegistration.PATH),
  SETTLE(FeeKind.SETTLE, RelaySettlement.Kind.SETTLE_AND_REBALANCE.path()),
  SETTLE_WITH_BENEFICIARY(FeeKind.SETTLE, RelaySettlement.Kind.SETTLE_WITH_BENEFICIARY.path()),
  SETTLE_INTO_STAKE(FeeKind.SETTLE, RelaySettlement.Kind.SETTLE_INTO_STAKE.path()),
  PAY_AND_SETTLE(FeeKind.SETTLE, RelaySettlement.Kind.PAY_AND_SETTLE.path()),
  DECREASE_STAKE(FeeKind.STAKE_DECREASE, RelayStakeDecrease.PATH);

  private final FeeKind fee;
  private final String path;

  JobKind(FeeKind fee, String path) {
    this.fee = fee;
    this.path = path;
  }

  public FeeKind fee() {
    return fee;
  }

  /** The endpoint below {@code /api/v1/transactor/}, as promise-lib's relay codec names it. */
  public String path() {
    return path;
  }

  /** The kind of a request. */
  public static JobKind of(RelayRequest request) {
    for (JobKind k : values()) {
      if (k.path.equals(request.path())) {
        return k;
      }
    }
    throw new IllegalArgumentException("no relay job kind for " + request.path());
  }
}
