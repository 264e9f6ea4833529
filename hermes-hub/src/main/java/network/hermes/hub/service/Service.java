package network.hermes.hub.service;

/**
 * A part of the hub with a life of its own (a process, a pool, a server, a worker): started once by
 * the {@link ServiceController}, stopped once, in the reverse order of starting.
 */
public interface Service {
  /** For logs. */
  String name();

  /** Starts; returns once the service is usable by the ones started after it. */
  void start() throws Exception;

  /** Stops and releases what it holds; returns once it has (within its own bounded waits). */
  void stop() throws Exception;
}
