package network.hermes.hub.watcher;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import network.hermes.promise.value.Bytes32;

/** Where a reorganisation forked from what the watcher had recorded. Pure. */
public final class ForkFinder {
  private ForkFinder() {}

  /**
   * Walks back from the newest recorded block to the oldest and returns the first whose hash the
   * chain still has: every block up to it is unchanged, everything after it must be read again.
   *
   * @param recorded block number to the hash the watcher saw for it (each round's head)
   * @param chain the chain's hash for a block number, empty past its end
   * @return the fork point, or empty when even the oldest recorded block changed (a reorganisation
   *     deeper than the window the watcher keeps)
   */
  public static OptionalLong forkPoint(
      NavigableMap<Long, Bytes32> recorded, LongFunction<Optional<Bytes32>> chain) {
    for (Map.Entry<Long, Bytes32> e : recorded.descendingMap().entrySet()) {
      Optional<Bytes32> now = chain.apply(e.getKey());
      if (now.isPresent() && now.get().equals(e.getValue())) {
        return OptionalLong.of(e.getKey());
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The recorded blocks to keep once the cursor is at {@code cursor}: everything within {@code
   * depth} blocks of it, plus the newest one below that window (the last block taken as final), so
   * that a walk back always has an anchor.
   */
  public static long pruneBelow(NavigableMap<Long, Bytes32> recorded, long cursor, long depth) {
    long windowStart = cursor - depth;
    Long anchor = recorded.floorKey(windowStart);
    return anchor == null ? windowStart : anchor;
  }
}
