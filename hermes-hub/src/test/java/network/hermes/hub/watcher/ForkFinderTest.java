package network.hermes.hub.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import network.hermes.promise.value.Bytes32;
import org.junit.jupiter.api.Test;

/** Walking back to where a reorganisation forked, against a fake chain. */
class ForkFinderTest {
  static Bytes32 h(String branch, long block) {
    return Bytes32.fromUint(block * 1000 + branch.hashCode() % 997 + 1);
  }

  /** A chain whose blocks up to {@code forkAt} are on branch "a", later ones on {@code branch}. */
  static Map<Long, Bytes32> chain(long height, long forkAt, String branch) {
    Map<Long, Bytes32> c = new HashMap<>();
    for (long b = 0; b <= height; b++) {
      c.put(b, h(b <= forkAt ? "a" : branch, b));
    }
    return c;
  }

  static NavigableMap<Long, Bytes32> recorded(long... blocks) {
    NavigableMap<Long, Bytes32> r = new TreeMap<>();
    for (long b : blocks) {
      r.put(b, h("a", b));
    }
    return r;
  }

  static OptionalLong fork(NavigableMap<Long, Bytes32> recorded, Map<Long, Bytes32> chain) {
    return ForkFinder.forkPoint(recorded, b -> Optional.ofNullable(chain.get(b)));
  }

  @Test
  void noReorganisationMeansTheNewestRecordedBlock() {
    assertThat(fork(recorded(10, 12, 15), chain(20, 20, "a"))).hasValue(15);
  }

  @Test
  void aReorganisationWalksBackToTheNewestUnchangedRecordedBlock() {
    // blocks after 13 were replaced: 15 changed, 12 did not
    assertThat(fork(recorded(10, 12, 15), chain(20, 13, "b"))).hasValue(12);
    // the fork exactly at a recorded block keeps it
    assertThat(fork(recorded(10, 12, 15), chain(20, 12, "b"))).hasValue(12);
    // one block before it does not
    assertThat(fork(recorded(10, 12, 15), chain(20, 11, "b"))).hasValue(10);
  }

  @Test
  void aShorterChainCountsAsChanged() {
    // the chain was reverted to block 13 and has not grown back yet
    assertThat(fork(recorded(10, 12, 15), chain(13, 13, "a"))).hasValue(12);
  }

  @Test
  void deeperThanTheRecordedWindowFindsNothing() {
    assertThat(fork(recorded(10, 12, 15), chain(20, 5, "b"))).isEmpty();
    assertThat(fork(recorded(), chain(20, 20, "a"))).isEmpty();
  }

  @Test
  void pruningKeepsTheWindowAndOneAnchorBelowIt() {
    NavigableMap<Long, Bytes32> r = recorded(10, 50, 90, 130, 140, 150);
    // cursor 150, depth 64: keep >= 86 and the newest below 86 (50) as the final anchor
    assertThat(ForkFinder.pruneBelow(r, 150, 64)).isEqualTo(50);
    assertThat(ForkFinder.pruneBelow(recorded(100, 150), 150, 64)).isEqualTo(86);
  }
}
