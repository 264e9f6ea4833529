package network.hermes.promise.wire;

import java.time.Instant;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;

/**
 * One chain's entry of {@code GET data/consumer/{id}} or {@code GET data/provider/{id}}.
 *
 * @param identity the identity
 * @param beneficiary its payout address
 * @param channelId the consumer channel address (20 bytes) or provider channel id (32 bytes), as
 *     lowercase {@code 0x} hex
 * @param balance spendable channel balance as the hub sees it
 * @param settled amount settled on chain
 * @param stake provider stake
 * @param latestPromise the latest promise, or null when there is none
 * @param latestSettlement time of the latest settlement (Go's zero time when never)
 * @param isOffchain whether the balance lives only in the hub
 */
public record ChannelData(
    Address identity,
    Address beneficiary,
    String channelId,
    TokenAmount balance,
    TokenAmount settled,
    TokenAmount stake,
    Promise latestPromise,
    Instant latestSettlement,
    boolean isOffchain) {
  /** Go's zero {@code time.Time}, which upstream sends for "never". */
  public static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * Validates the components and lowercases the channel id.
   *
   * @throws IllegalArgumentException if a required component is null or the channel id is not 20 or
   *     32 bytes of hex
   */
  public ChannelData {
    if (identity == null
        || beneficiary == null
        || channelId == null
        || balance == null
        || settled == null
        || stake == null
        || latestSettlement == null) {
      throw new IllegalArgumentException("channel data: fields must not be null");
    }
    byte[] raw = Hex.decode(channelId);
    if (raw.length != 20 && raw.length != 32) {
      throw new IllegalArgumentException("channel data: ChannelID must be 20 or 32 bytes");
    }
    channelId = Hex.encodePrefixed(raw);
  }

  /**
   * The channel id as a 32-byte word (a 20-byte channel address is left-padded).
   *
   * @return the word
   */
  public Bytes32 channelIdWord() {
    return Bytes32.leftPad(Hex.decode(channelId));
  }
}
