package network.hermes.hub.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server of our own (zonky embedded binaries) whose data survives restarts, for a
 * fresh machine and for tests. Durable settings are forced: zonky's default turns synchronous
 * commit off, which would break "nothing acknowledged is ever lost".
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private EmbeddedDatabase(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /**
   * @param dataDir kept between runs
   * @param port 0 for a free port
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    return start(dataDir, port, java.util.Map.of());
  }

  /**
   * @param settings extra server settings (e.g. shared_buffers); durability settings cannot be
   *     weakened here
   */
  public static EmbeddedDatabase start(
      Path dataDir, int port, java.util.Map<String, String> settings) throws IOException {
    Files.createDirectories(dataDir);
    EmbeddedPostgres.Builder b =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "200");
    settings.forEach(
        (k, v) -> {
          if (k.equals("synchronous_commit") || k.equals("fsync") || k.equals("full_page_writes")) {
            throw new IllegalArgumentException(
                k + " stays on: the hub acknowledges only durable state");
          }
          b.setServerConfig(k, v);
        });
    if (port > 0) {
      b.setPort(port);
    }
    return new EmbeddedDatabase(b.start());
  }

  public int port() {
    return pg.getPort();
  }

  /** postgresql://postgres@localhost:PORT/postgres (trust authentication on loopback). */
  public String url() {
    return "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}
