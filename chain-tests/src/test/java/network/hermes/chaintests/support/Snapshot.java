package network.hermes.chaintests.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.wire.ChannelData;

/**
 * Everything that could show a request's effect on some identities: the hub's rows about them, what
 * its data endpoints say of them, and the MYST of the addresses involved. Two snapshots are equal
 * when nothing changed.
 *
 * @param rows the hub's rows, table by table
 * @param views the data endpoints' answers, by identity and endpoint
 * @param balances MYST by address
 */
public record Snapshot(
    Map<String, List<String>> rows, Map<String, String> views, Map<Address, String> balances) {

  /** Takes a snapshot of identities, and the balances of {@code addresses}. */
  public static Snapshot take(
      World world, Collection<Address> identities, Collection<Address> addresses) {
    Map<String, String> views = new LinkedHashMap<>();
    HubClient hub = world.hub();
    for (Address id : identities) {
      views.put("consumer " + id, view(() -> hub.consumerData(id)));
      views.put("provider " + id, view(() -> hub.providerData(id)));
      views.put("withdrawal " + id, view(() -> hub.withdrawalData(id)));
    }
    Map<Address, String> balances = new LinkedHashMap<>();
    for (Address a : addresses) {
      balances.put(a, world.chain().tokenBalance(a).toString());
    }
    return new Snapshot(world.db().rowsAbout(identities), views, balances);
  }

  /** What differs from {@code before}, one line per row or view; empty when nothing changed. */
  public List<String> changesSince(Snapshot before) {
    List<String> changes = new java.util.ArrayList<>();
    for (String table : rows.keySet()) {
      List<String> was = before.rows.getOrDefault(table, List.of());
      List<String> now = rows.get(table);
      was.stream().filter(r -> !now.contains(r)).forEach(r -> changes.add(table + " was: " + r));
      now.stream().filter(r -> !was.contains(r)).forEach(r -> changes.add(table + " now: " + r));
    }
    views.forEach(
        (k, v) -> {
          if (!v.equals(before.views.get(k))) {
            changes.add(k + " was: " + before.views.get(k) + " now: " + v);
          }
        });
    balances.forEach(
        (k, v) -> {
          if (!v.equals(before.balances.get(k))) {
            changes.add("balance of " + k + " was: " + before.balances.get(k) + " now: " + v);
          }
        });
    return changes;
  }

  private static String view(HubCalls.Call<Map<ChainId, ChannelData>> call) {
    try {
      return HubCalls.retrying("data", ProviderNode.PATIENCE, call).toString();
    } catch (HubException e) {
      if (e.kind() == HubCause.RESOURCE_NOT_FOUND) {
        return "none";
      }
      throw new IllegalStateException("the hub's data endpoint failed: " + e.getMessage(), e);
    }
  }
}
