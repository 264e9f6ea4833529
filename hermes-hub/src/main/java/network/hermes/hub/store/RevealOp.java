package network.hermes.hub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import network.hermes.hub.core.ChannelKind;
import network.hermes.hub.core.ChannelMath;
import network.hermes.hub.core.Decision;
import network.hermes.hub.core.Decisions;
import network.hermes.hub.core.ProviderState;
import network.hermes.hub.core.RevealAccepted;
import network.hermes.hub.core.RevealRequest;
import network.hermes.promise.value.ChainId;

/** reveal_r inside a batch: the identity's earnings and withdrawal channels on every chain. */
public final class RevealOp implements BatchOp<Decision<RevealAccepted>> {
  private final Decisions decisions;
  private final RevealRequest req;
  private final List<Keys.Channel> channels = new ArrayList<>();

  public RevealOp(Decisions decisions, ChannelMath math, Set<ChainId> chains, RevealRequest req) {
    this.decisions = decisions;
    this.req = req;
    for (ChainId chain : chains) {
      for (ChannelKind kind : ChannelKind.values()) {
        // a missing row holds nothing to reveal, and the store locks only rows that exist
        channels.add(
            new Keys.Channel(chain, math.channelId(req.provider(), kind), req.provider(), kind));
      }
    }
  }

  @Override
  public List<Keys.Channel> channels() {
    return channels;
  }

  @Override
  public Decision<RevealAccepted> apply(BatchState state) {
    List<ProviderState> states = new ArrayList<>(channels.size());
    for (Keys.Channel k : channels) {
      states.add(state.channel(k));
    }
    Decision<RevealAccepted> d = decisions.revealR(req, states);
    if (d instanceof Decision.Accept<RevealAccepted> a) {
      ProviderState p = a.value().provider();
      state.putChannel(p);
      state.addRevealed(p.chainId(), a.value().hashlock(), a.value().r(), p.channelId());
    }
    return d;
  }
}
