package network.hermes.chaintests.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import network.hermes.hubclient.HubClient;
import network.hermes.promise.value.TokenAmount;

/**
 * Consumers paying providers concurrently, one thread per consumer, each paying one invoice at a
 * time (as one consumer node does) to the providers in turn, through the hubs in turn. Runs a fixed
 * number of invoices, or until stopped.
 */
public final class PaymentLoad {
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong paid = new AtomicLong();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

  private PaymentLoad() {}

  /**
   * Starts paying.
   *
   * @param consumers one thread each
   * @param providers paid in turn
   * @param hubs the hubs, used in turn (a supplier each, so a restarted hub's client is taken)
   * @param invoices invoices per consumer, or 0 to pay until {@link #stop()}
   * @param delta what each invoice adds
   */
  public static PaymentLoad start(
      List<ConsumerNode> consumers,
      List<ProviderNode> providers,
      List<Supplier<HubClient>> hubs,
      int invoices,
      TokenAmount delta) {
    PaymentLoad load = new PaymentLoad();
    for (int c = 0; c < consumers.size(); c++) {
      ConsumerNode consumer = consumers.get(c);
      int offset = c;
      load.threads.add(
          Thread.ofPlatform()
              .name("pay-" + consumer.identity().toHex().substring(0, 10))
              .start(() -> load.pay(consumer, offset, providers, hubs, invoices, delta)));
    }
    return load;
  }

  private void pay(
      ConsumerNode consumer,
      int offset,
      List<ProviderNode> providers,
      List<Supplier<HubClient>> hubs,
      int invoices,
      TokenAmount delta) {
    Map<ProviderNode, ProviderNode.Agreement> agreements = new HashMap<>();
    try {
      for (int i = 0; (invoices == 0 || i < invoices) && !stop.get(); i++) {
        ProviderNode provider = providers.get((offset + i) % providers.size());
        HubClient hub = hubs.get((offset + i) % hubs.size()).get();
        ProviderNode.Agreement agreement =
            agreements.computeIfAbsent(provider, p -> p.agree(consumer));
        provider.earn(hub, agreement, delta);
        paid.incrementAndGet();
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  /** Asks every consumer to stop after its invoice in flight. */
  public void stop() {
    stop.set(true);
  }

  /** Invoices paid (hub promises received) so far. */
  public long paid() {
    return paid.get();
  }

  /**
   * Waits for every consumer to finish.
   *
   * @return the failures (empty when every invoice was paid)
   */
  public List<Throwable> await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !t.join(Duration.ofNanos(left))) {
        stop();
        throw new AssertionError("payments still running after " + timeout);
      }
    }
    return List.copyOf(failures);
  }
}
