package network.hermes.hub.relay;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.hermes.contracts.chain.ChainClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's gas price, refreshed on a thread of its own so that a fee quote never waits on the
 * chain (the HTTP handlers run on event loops).
 */
public final class GasPriceCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GasPriceCache.class);

  private final ChainClient client;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("relay-gas-price").factory());
  private volatile BigInteger price;

  public GasPriceCache(ChainClient client) {
    this.client = client;
  }

  public GasPriceCache start(Duration every) {
    executor.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  void refresh() {
    try {
      price = client.gasPrice().expected();
    } catch (RuntimeException e) {
      LOG.warn("reading the gas price failed: {}", e.toString());
    }
  }

  /** The expected price per gas in native-coin wei, empty until first read. */
  public Optional<BigInteger> current() {
    return Optional.ofNullable(price);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
