package network.hermes.settler.store;

import java.nio.file.Path;
import java.time.Instant;
import network.hermes.settler.TestPromises;
import network.hermes.settler.history.SettlementHistory;

/**
 * A child process for {@link StoreKillIT}: stores promises of growing amounts and appends history
 * lines as fast as it can, printing each one once the call returned (acknowledged), until killed.
 */
public final class StoreWriterMain {
  private StoreWriterMain() {}

  public static void main(String[] args) {
    EarningsStore store = EarningsStore.open(Path.of(args[0]));
    SettlementHistory history = SettlementHistory.open(Path.of(args[1]));
    for (long n = 1; ; n++) {
      store.put(TestPromises.earned(n, 0, "k" + n));
      history.record(TestPromises.pendingRecord("attempt-" + n, Instant.EPOCH.plusSeconds(n)));
      System.out.println("acknowledged " + n);
      System.out.flush();
    }
  }
}
