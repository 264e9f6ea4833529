package network.hermes.hub.it;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import network.hermes.hub.client.ExchangeFactory;
import network.hermes.hub.client.ExchangeFactory.Identity;
import network.hermes.hub.config.HubDeployment;

/**
 * The setting of the load ITs: hub processes in offline mode on one real PostgreSQL, whose
 * consumers' chain facts are seeded, driven by honest consumers and providers.
 */
final class LoadWorld implements AutoCloseable {
  static final HubDeployment DEP = HubDeployment.OFFLINE_DEV;
  static final long CHAIN = DEP.chainId();

  final TestDatabase db;
  final ExchangeFactory exchanges = new ExchangeFactory(DEP, CHAIN);
  final List<Identity> consumers;
  final List<Identity> providers;
  final Path logs;

  private LoadWorld(
      TestDatabase db, List<Identity> consumers, List<Identity> providers, Path logs) {
    this.db = db;
    this.consumers = consumers;
    this.providers = providers;
    this.logs = logs;
  }

  /**
   * A fresh database with {@code consumers} registered consumers of {@code balance} wei each and
   * {@code providers} providers, named {@code <label>-consumer-<i>} and {@code
   * <label>-provider-<i>}.
   */
  static LoadWorld start(String label, int consumers, int providers, BigInteger balance)
      throws Exception {
    TestDatabase db = TestDatabase.start();
    try {
      List<Identity> cs = identities(label + "-consumer-", consumers);
      try (Connection c = db.connect()) {
        for (Identity id : cs) {
          Facts.consumer(c, CHAIN, id.address(), true, balance, BigInteger.ZERO);
        }
      }
      return new LoadWorld(
          db,
          cs,
          identities(label + "-provider-", providers),
          Files.createTempDirectory(label + "-hubs"));
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  private static List<Identity> identities(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> ExchangeFactory.devIdentity(prefix + i)).toList();
  }

  LoadDriver driver() {
    return new LoadDriver(exchanges, consumers, providers);
  }

  /**
   * One sequential worker per provider and hub (each provider on every hub at once), seeded from
   * {@code firstSeed} up in that order.
   */
  List<Runnable> workers(
      LoadDriver load, List<String> baseUrls, long firstSeed, Instant until, int maxExchanges) {
    List<Runnable> work = new ArrayList<>();
    long seed = firstSeed;
    for (Identity p : providers) {
      for (String url : baseUrls) {
        long s = seed++;
        work.add(() -> load.providerWorker(url, p, s, until, maxExchanges));
      }
    }
    return work;
  }

  HubProcess startHub(int port, String log, String... sets) throws Exception {
    return HubProcess.start(db.url(), port, logs.resolve(log), sets);
  }

  @Override
  public void close() throws IOException {
    db.close();
  }
}
