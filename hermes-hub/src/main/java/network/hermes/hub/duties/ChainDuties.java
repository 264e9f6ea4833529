package network.hermes.hub.duties;

import io.vertx.sqlclient.Pool;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import network.hermes.contracts.chain.ChainClient;
import network.hermes.contracts.chain.HermesState;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hub.chain.ChainView;
import network.hermes.hub.config.HubSettings;
import network.hermes.hub.lease.LeaseKeeper;
import network.hermes.hub.lease.LeasedWorker;
import network.hermes.hub.lease.PgLease;
import network.hermes.hub.metrics.HubMetrics;
import network.hermes.hub.relay.GasPriceCache;
import network.hermes.hub.relay.RelayStore;
import network.hermes.hub.relay.RelayWorker;
import network.hermes.hub.service.Service;
import network.hermes.hub.settlement.ConsumerSettler;
import network.hermes.hub.settlement.SettlementStore;
import network.hermes.hub.watcher.ChainWatcher;
import network.hermes.hub.watcher.RpcBlockSource;
import network.hermes.hub.watcher.WatcherStore;
import network.hermes.promise.crypto.PrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's duties on the chain, run by whichever instance holds the lease {@code
 * chain-duties/<chain>}: the chain watcher, the consumer settler and the relay worker (one lease,
 * so that the hub's keys send from one process at a time). Stopping ends the workers first, then
 * gives the lease up, so another instance takes over at once.
 */
public final class ChainDuties implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(ChainDuties.class);

  private final LeaseKeeper lease;
  private final PgLease leaseRow;
  private final ChainWatcher watcher;
  private final LeasedWorker watcherWorker;
  private final LeasedWorker settlerWorker;
  private final LeasedWorker relayWorker;
  private final GasPriceCache gasPrices;
  private final RelayStore relayStore;

  /**
   * @param relayKey the relay's sending key, used only when the relay is on
   */
  public ChainDuties(
      HubSettings settings,
      Pool pool,
      ChainClient client,
      Deployment contracts,
      PrivateKey operatorKey,
      PrivateKey relayKey,
      ChainView chainView,
      HubMetrics metrics,
      String instanceId,
      Clock clock) {
    long chainId = contracts.chainId().value();
    String hermesId = contracts.hermesId().toHex();
    leaseRow = new PgLease(pool, "chain-duties/" + chainId, instanceId, settings.leaseTtl());
    lease = new LeaseKeeper(leaseRow.name(), leaseRow, settings.leaseTtl());
    HubSettings.Watcher w = settings.watcher();
    watcher =
        new ChainWatcher(
            new RpcBlockSource(client),
            new WatcherStore(pool, chainId, hermesId, leaseRow),
            contracts,
            new ChainWatcher.Settings(
                w.confirmationsFor(contracts.chainId()),
                w.reorgDepth(),
                w.maxRange(),
                w.lowBalance()),
            new ChainWatcher.Listener() {
              @Override
              public void committed(long block, HermesState hermes, int exits) {
                metrics.watcherBlock(block);
                // this instance's requests see what the watcher committed at once, not a refresh
                // period later (an exiting consumer is refused before the settler settles it)
                chainView
                    .catchUp()
                    .onFailure(e -> LOG.warn("the chain view did not catch up: {}", e.toString()));
                if (exits > 0) {
                  // an exiting consumer's promises must be settled before its exit delay ends
                  wakeSettler();
                }
              }

              @Override
              public void reorganised(long forkPoint, long depth) {
                metrics.reorganisation();
              }

              @Override
              public void punished(long activationTime) {
                metrics.punishment();
              }
            });
    watcherWorker =
        new LeasedWorker("chain-watcher", lease, w.pollInterval(), watcher::round, watcher::resume);

    HubSettings.Settlement s = settings.settlement();
    if (s.enabled()) {
      ConsumerSettler settler =
          new ConsumerSettler(
              new SettlementStore(pool, chainId, hermesId, leaseRow),
              chainView,
              client.writer(operatorKey),
              contracts.chainId(),
              s.rules(),
              clock,
              (settled, failed, collected, txFailed) ->
                  metrics.settlementBatch(settled, failed, collected.toBigInteger(), txFailed));
      settlerWorker =
          new LeasedWorker("consumer-settler", lease, s.interval(), settler::round, null);
    } else {
      settlerWorker = null;
    }

    HubSettings.Relay r = settings.relay();
    if (r.enabled()) {
      relayStore = new RelayStore(pool, leaseRow);
      gasPrices = new GasPriceCache(client);
      RelayWorker worker =
          new RelayWorker(
              relayStore,
              client,
              chainView,
              client.writer(relayKey),
              contracts.chainId(),
              new RelayWorker.Settings(r.maxAttempts(), Duration.ofSeconds(5), r.fundingWait()),
              clock,
              (kind, state) -> metrics.relayJob(kind.name().toLowerCase(Locale.ROOT), state));
      relayWorker =
          new LeasedWorker("relay-worker", lease, r.interval(), worker::round, worker::resume);
    } else {
      relayStore = null;
      gasPrices = null;
      relayWorker = null;
    }
  }

  @Override
  public String name() {
    return "chain duties";
  }

  @Override
  public void start() {
    if (gasPrices != null) {
      gasPrices.start(Duration.ofSeconds(5));
    }
    lease.start();
    watcherWorker.start();
    if (settlerWorker != null) {
      settlerWorker.start();
    }
    if (relayWorker != null) {
      relayWorker.start();
    }
    LOG.info("chain duties lease {} contended as {}", leaseRow.name(), leaseRow.holder());
  }

  @Override
  public void stop() {
    for (LeasedWorker worker : java.util.Arrays.asList(relayWorker, settlerWorker, watcherWorker)) {
      if (worker != null) {
        worker.close();
      }
    }
    lease.close();
    if (gasPrices != null) {
      gasPrices.close();
    }
  }

  /** Asks the consumer settler for a round now (no effect without the lease or the settler). */
  public void wakeSettler() {
    if (settlerWorker != null) {
      settlerWorker.wake();
    }
  }

  /** Asks the relay worker for a round now. */
  public void wakeRelay() {
    if (relayWorker != null) {
      relayWorker.wake();
    }
  }

  /** The relay's job store, or empty when the relay is off. */
  public Optional<RelayStore> relayStore() {
    return Optional.ofNullable(relayStore);
  }

  /** The gas price as last read, empty until the first read or when the relay is off. */
  public Optional<BigInteger> gasPrice() {
    return gasPrices == null ? Optional.empty() : gasPrices.current();
  }

  public ChainWatcher.Status watcherStatus() {
    return watcher.status();
  }

  public long watcherRounds() {
    return watcherWorker.rounds();
  }

  public boolean leaseHeld() {
    return lease.held();
  }
}
