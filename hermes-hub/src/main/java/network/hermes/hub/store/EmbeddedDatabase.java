package network.hermes.hub.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import network.hermes.hub.service.Service;

/**
 * A PostgreSQL server of our own (zonky embedded binaries) whose data survives restarts, for a
 * fresh machine and for tests. Durable settings are forced: zonky's default turns synchronous
 * commit off, which would break "nothing acknowledged is ever lost". The server runs detached from
 * the hub; a server a killed hub left behind is stopped when the next hub starts on the folder.
 */
public final class EmbeddedDatabase implements Service, AutoCloseable {
  private final Path dataDir;
  private final int requestedPort;
  private final Map<String, String> settings;
  private EmbeddedPostgres pg;

  /**
   * @param dataDir kept between runs
   * @param port 0 for a free port
   * @param settings extra server settings (e.g. shared_buffers); durability settings cannot be
   *     weakened here
   */
  public EmbeddedDatabase(Path dataDir, int port, Map<String, String> settings) {
    for (String k : settings.keySet()) {
      if (k.equals("synchronous_commit") || k.equals("fsync") || k.equals("full_page_writes")) {
        throw new IllegalArgumentException(
            k + " stays on: the hub acknowledges only durable state");
      }
    }
    this.dataDir = dataDir.toAbsolutePath();
    this.requestedPort = port;
    this.settings = Map.copyOf(settings);
  }

  /** Starts a server on a data folder (tests). */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    EmbeddedDatabase db = new EmbeddedDatabase(dataDir, port, Map.of());
    db.start();
    return db;
  }

  @Override
  public String name() {
    return "embedded PostgreSQL";
  }

  /**
   * Starts the server; one a dead hub left running on the folder ({@code kill -9}) is stopped
   * first.
   *
   * @throws IllegalStateException when another running hub uses the folder
   */
  @Override
  public void start() throws IOException {
    Files.createDirectories(dataDir);
    try {
      StalePostmaster.stopIfAny(dataDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the server left on " + dataDir, e);
    }
    EmbeddedPostgres.Builder b =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "200");
    settings.forEach(b::setServerConfig);
    if (requestedPort > 0) {
      b.setPort(requestedPort);
    }
    pg = b.start();
  }

  public int port() {
    return pg.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** postgresql://postgres@localhost:PORT/postgres (trust authentication on loopback). */
  public String url() {
    return "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
  }

  @Override
  public void stop() throws IOException {
    close();
  }

  @Override
  public void close() throws IOException {
    if (pg != null) {
      pg.close();
      pg = null;
    }
  }
}
