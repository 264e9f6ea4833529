package network.hermes.hub.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the hub's services one after the other, each once the ones it needs are running, and stops
 * them in the reverse order: the last started (the HTTP server) stops first, the first started (the
 * embedded database) last. A stop requested while a service is starting waits for that start, then
 * stops everything started so far; no further service starts.
 */
public final class ServiceController {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);

  private final Deque<Service> running = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean stopping;

  /**
   * Starts a service and takes charge of stopping it.
   *
   * @return the service, started
   * @throws IllegalStateException when the controller is stopping
   * @throws Exception when the service does not start (it is not stopped; the caller stops the
   *     controller)
   */
  public <S extends Service> S start(S service) throws Exception {
    lock.lock();
    try {
      if (stopping) {
        throw new IllegalStateException("stopping: " + service.name() + " not started");
      }
      long began = System.nanoTime();
      service.start();
      running.push(service);
      LOG.debug("{} started in {} ms", service.name(), (System.nanoTime() - began) / 1_000_000);
      return service;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a stop was requested. */
  public boolean stopping() {
    return stopping;
  }

  /**
   * Stops every started service, last started first; each failure is logged, none stops the rest.
   */
  public void stop() {
    stopping = true;
    lock.lock();
    try {
      while (!running.isEmpty()) {
        Service s = running.pop();
        long began = System.nanoTime();
        try {
          s.stop();
          LOG.info("{} stopped", s.name());
          LOG.debug("{} took {} ms to stop", s.name(), (System.nanoTime() - began) / 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          LOG.warn("stopping {} was interrupted", s.name());
        } catch (Exception e) {
          LOG.warn("stopping {} failed: {}", s.name(), e.toString());
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
