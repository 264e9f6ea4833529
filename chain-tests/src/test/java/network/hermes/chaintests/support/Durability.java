package network.hermes.chaintests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import network.hermes.hubclient.HubException;
import network.hermes.promise.wire.ChannelData;

/**
 * "Nothing acknowledged is lost": every hub promise a provider received is in the hub's database
 * with its amount, and the hub's books of every consumer and provider are what they hold.
 */
public final class Durability {
  private Durability() {}

  /**
   * Checks the nodes against the hub.
   *
   * @return the acknowledged promises checked
   */
  public static int assertNothingLost(
      World world, List<ConsumerNode> consumers, List<ProviderNode> providers) throws HubException {
    List<Ack> acks = new ArrayList<>();
    providers.forEach(p -> acks.addAll(p.acks()));
    assertThat(world.db().missing(acks)).as("acknowledged promises the hub lost").isEmpty();
    for (ProviderNode p : providers) {
      if (p.latest() == null) {
        continue;
      }
      ChannelData d = world.hub().providerData(p.identity()).get(world.deployment().chainId());
      assertThat(d.latestPromise().amount())
          .as("the hub's latest promise to %s", p)
          .isEqualTo(p.latest().amount());
    }
    for (ConsumerNode c : consumers) {
      ChannelData d = world.hub().consumerData(c.identity()).get(world.deployment().chainId());
      assertThat(d.latestPromise() == null ? null : d.latestPromise().amount())
          .as("the hub's books of %s", c)
          .isEqualTo(c.promised().isZero() ? null : c.promised());
    }
    return acks.size();
  }
}
