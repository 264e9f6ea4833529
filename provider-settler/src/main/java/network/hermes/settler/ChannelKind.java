package network.hermes.settler;

import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;

/** The two channels an identity has in a hub contract. */
public enum ChannelKind {
  /** Earnings as a provider: {@code keccak(identity ‖ hub)}. */
  EARNINGS,
  /** Withdrawals of its own consumer balance: {@code keccak(identity ‖ hub ‖ "withdrawal")}. */
  WITHDRAWAL;

  /**
   * The channel id of an identity at a hub.
   *
   * @param identity the identity
   * @param hermesId the hub contract
   * @return the 32-byte channel id
   */
  public Bytes32 channelId(Address identity, Address hermesId) {
    return this == EARNINGS
        ? ChannelIds.providerChannelId(identity, hermesId)
        : ChannelIds.withdrawalChannelId(identity, hermesId);
  }
}
