package network.hermes.hub.lease;

import io.vertx.core.Future;

/** Where a named lease lives. */
public interface LeaseStore {
  /**
   * Takes the lease if it is free or expired, or extends it if this holder has it.
   *
   * @return true when this holder has the lease until now + ttl (database time)
   * @throws Exception when the store cannot answer; the holder must then assume it lost the lease
   */
  Future<Boolean> acquireOrRenew();

  /** Gives the lease up at once, if this holder has it. */
  Future<Void> release();
}
