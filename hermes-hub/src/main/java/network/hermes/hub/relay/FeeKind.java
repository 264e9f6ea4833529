package network.hermes.hub.relay;

/** What a relay fee quote is for: the three quote paths of the transactor API. */
public enum FeeKind {
  REGISTER("register"),
  SETTLE("settle"),
  STAKE_DECREASE("stake/decrease");

  private final String path;

  FeeKind(String path) {
    this.path = path;
  }

  /** The path segment after {@code fee/{chain}/}. */
  public String path() {
    return path;
  }
}
