package network.hermes.hubclient;

/** What a relay fee quote is for: the three quote paths of the transactor API. */
public enum RelayFeeKind {
  /** {@code identity/register}. */
  REGISTER("register"),
  /** Every settlement variant and {@code pay_and_settle}. */
  SETTLE("settle"),
  /** {@code stake/decrease}. */
  STAKE_DECREASE("stake/decrease");

  private final String path;

  RelayFeeKind(String path) {
    this.path = path;
  }

  /**
   * The path segment after {@code fee/{chain}/}.
   *
   * @return the segment
   */
  public String path() {
    return path;
  }
}
