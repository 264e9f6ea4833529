package network.hermes.settler;

/** How a hub promise is settled on chain: the hub contract's settle variants. */
public enum SettleKind {
  /** {@code settlePromise}: paid to the identity's registered beneficiary. */
  PLAIN(ChannelKind.EARNINGS, true),
  /** {@code settleWithBeneficiary}: sets a new beneficiary (P3) and pays it, in one transaction. */
  WITH_BENEFICIARY(ChannelKind.EARNINGS, true),
  /** {@code settleIntoStake}: the earnings raise the provider's stake instead of being paid out. */
  INTO_STAKE(ChannelKind.EARNINGS, true),
  /** {@code payAndSettle}: a withdrawal-channel promise paid to an authorised address (P9). */
  PAY_AND_SETTLE(ChannelKind.WITHDRAWAL, false);

  private final ChannelKind channel;
  private final boolean takesHubFee;

  SettleKind(ChannelKind channel, boolean takesHubFee) {
    this.channel = channel;
    this.takesHubFee = takesHubFee;
  }

  /**
   * The channel this variant settles.
   *
   * @return earnings, or withdrawal for {@link #PAY_AND_SETTLE}
   */
  public ChannelKind channel() {
    return channel;
  }

  /**
   * Whether the hub contract keeps its fee on this variant.
   *
   * @return false only for {@link #PAY_AND_SETTLE}
   */
  public boolean takesHubFee() {
    return takesHubFee;
  }

  /**
   * Whether the variant pays a beneficiary named in the request rather than the registered one.
   *
   * @return true for {@link #WITH_BENEFICIARY} and {@link #PAY_AND_SETTLE}
   */
  public boolean namesBeneficiary() {
    return this == WITH_BENEFICIARY || this == PAY_AND_SETTLE;
  }
}
