package network.hermes.hub.lease;

/** Where a named lease lives. Blocking: called from the lease keeper's own thread only. */
public interface LeaseStore {
  /**
   * Takes the lease if it is free or expired, or extends it if this holder has it.
   *
   * @return true when this holder has the lease until now + ttl (database time)
   * @throws Exception when the store cannot answer; the holder must then assume it lost the lease
   */
  boolean acquireOrRenew() throws Exception;

  /** Gives the lease up at once, if this holder has it. */
  void release() throws Exception;
}
