package network.hermes.hub.store;

import java.math.BigInteger;
import java.util.Comparator;
import network.hermes.hub.core.ChannelKind;

/**
 * Row keys. Locks are always taken in their natural order: consumers, then channels, each sorted.
 */
public final class Keys {
  private Keys() {}

  public record Consumer(long chainId, String consumer) implements Comparable<Consumer> {
    private static final Comparator<Consumer> ORDER =
        Comparator.comparingLong(Consumer::chainId).thenComparing(Consumer::consumer);

    @Override
    public int compareTo(Consumer o) {
      return ORDER.compare(this, o);
    }
  }

  /**
   * A provider channel; provider and kind are only used when the row is created.
   *
   * @param create false when only an existing row matters (reveal_r): a missing one is not made
   */
  public record Channel(
      long chainId, String channelId, String provider, ChannelKind kind, boolean create)
      implements Comparable<Channel> {
    public Channel(long chainId, String channelId, String provider, ChannelKind kind) {
      this(chainId, channelId, provider, kind, true);
    }

    private static final Comparator<Channel> ORDER =
        Comparator.comparingLong(Channel::chainId).thenComparing(Channel::channelId);

    @Override
    public int compareTo(Channel o) {
      return ORDER.compare(this, o);
    }

    public ChannelRef ref() {
      return new ChannelRef(chainId, channelId);
    }
  }

  /** Identity of a channel row, without the creation attributes. */
  public record ChannelRef(long chainId, String channelId) {}

  public record Agreement(long chainId, String consumer, String provider, BigInteger agreementId) {}

  public record Issued(long chainId, String channelId, String hashlock) {}
}
