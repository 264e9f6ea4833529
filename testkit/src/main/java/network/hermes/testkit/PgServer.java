package network.hermes.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real PostgreSQL (zonky's embedded binaries) for tests, in a folder of the test's, on one
 * loopback port for its whole life so it can be stopped and started again under load. Commits are
 * durable, as the hub requires.
 */
public final class PgServer implements AutoCloseable {
  private final Path dataDir;
  private int port;
  private EmbeddedPostgres pg;

  private PgServer(Path dataDir) {
    this.dataDir = dataDir;
  }

  /**
   * Starts a server whose data lives in {@code dataDir}.
   *
   * @param dataDir the data folder (created if missing)
   * @return the running server
   * @throws IOException if it does not start
   */
  public static PgServer start(Path dataDir) throws IOException {
    PgServer server = new PgServer(dataDir);
    server.startServer();
    return server;
  }

  private void startServer() throws IOException {
    Files.createDirectories(dataDir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "200");
    if (port > 0) {
      builder.setPort(port); // a restart keeps the port the first start was given
    }
    pg = builder.start();
    port = pg.getPort();
  }

  /**
   * The URL the hub takes ({@code --db-url}).
   *
   * @return {@code postgresql://postgres@localhost:PORT/postgres}
   */
  public String url() {
    return "postgresql://postgres@localhost:" + port + "/postgres";
  }

  /**
   * The port, the same across restarts.
   *
   * @return the port
   */
  public synchronized int port() {
    return port;
  }

  /**
   * A JDBC connection, for tests that check what the database holds.
   *
   * @return a new connection; close it
   * @throws SQLException if the server does not answer
   */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
  }

  /**
   * Stops the server (fast shutdown: open connections are cut), keeping its data.
   *
   * @throws IOException if it does not stop
   */
  public synchronized void stop() throws IOException {
    if (pg != null) {
      pg.close();
      pg = null;
    }
  }

  /**
   * Starts the stopped server again on the same port and data.
   *
   * @throws IOException if it does not start
   */
  public synchronized void restart() throws IOException {
    stop();
    startServer();
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
