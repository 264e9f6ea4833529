package network.hermes.hub.store;

import java.math.BigInteger;
import java.util.Comparator;
import network.hermes.hub.core.ChannelKind;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;

/**
 * Row keys. Locks are always taken in their natural order: consumers, then channels, each sorted by
 * chain and by the lowercase hex the rows are stored under (the order of the SQL that locks them).
 */
public final class Keys {
  private Keys() {}

  public record Consumer(ChainId chainId, Address consumer) implements Comparable<Consumer> {
    private static final Comparator<Consumer> ORDER =
        Comparator.comparingLong((Consumer c) -> c.chainId().value())
            .thenComparing(c -> c.consumer().toHex());

    @Override
    public int compareTo(Consumer o) {
      return ORDER.compare(this, o);
    }
  }

  /** A provider channel; provider and kind are only used when the row is created. */
  public record Channel(ChainId chainId, Bytes32 channelId, Address provider, ChannelKind kind)
      implements Comparable<Channel> {
    private static final Comparator<Channel> ORDER =
        Comparator.comparingLong((Channel c) -> c.chainId().value())
            .thenComparing(c -> c.channelId().toHex());

    @Override
    public int compareTo(Channel o) {
      return ORDER.compare(this, o);
    }

    public ChannelRef ref() {
      return new ChannelRef(chainId, channelId);
    }
  }

  /** Identity of a channel row, without the creation attributes. */
  public record ChannelRef(ChainId chainId, Bytes32 channelId) {}

  public record Agreement(
      ChainId chainId, Address consumer, Address provider, BigInteger agreementId) {}

  public record Issued(ChainId chainId, Bytes32 channelId, Bytes32 hashlock) {}
}
