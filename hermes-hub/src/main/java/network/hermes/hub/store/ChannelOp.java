package network.hermes.hub.store;

import java.util.List;
import java.util.function.Function;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.ProviderState;

/**
 * A decision over one provider channel (change_promise_fee, sync_promise, refresh_promise): lock
 * the row, decide, store the next state when accepted.
 */
public final class ChannelOp implements BatchOp<Decision<ProviderState>> {
  private final Keys.Channel channel;
  private final Function<ProviderState, Decision<ProviderState>> decide;

  private final boolean trackPromised;

  public ChannelOp(Keys.Channel channel, Function<ProviderState, Decision<ProviderState>> decide) {
    this(channel, decide, false);
  }

  /**
   * @param trackPromised whether a raised amount (sync_promise) is added to the solvency guard's
   *     promised total
   */
  public ChannelOp(
      Keys.Channel channel,
      Function<ProviderState, Decision<ProviderState>> decide,
      boolean trackPromised) {
    this.channel = channel;
    this.decide = decide;
    this.trackPromised = trackPromised;
  }

  @Override
  public List<Keys.Channel> channels() {
    return List.of(channel);
  }

  @Override
  public Decision<ProviderState> apply(BatchState state) {
    ProviderState before = state.channel(channel);
    Decision<ProviderState> d = decide.apply(before);
    if (d instanceof Decision.Accept<ProviderState> a && !a.value().equals(before)) {
      state.putChannel(a.value());
      if (trackPromised) {
        state.addPromised(
            before.chainId(),
            a.value().amount().toBigInteger().subtract(before.amount().toBigInteger()));
      }
    }
    return d;
  }
}
