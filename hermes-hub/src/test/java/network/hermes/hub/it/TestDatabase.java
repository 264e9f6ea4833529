package network.hermes.hub.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import network.hermes.hub.store.EmbeddedDatabase;
import network.hermes.hub.store.Migrations;

/**
 * A real PostgreSQL (embedded binaries) in a temporary folder on a free port, for one test class.
 */
final class TestDatabase implements AutoCloseable {
  private final Path dir;
  private final EmbeddedDatabase db;

  private TestDatabase(Path dir, EmbeddedDatabase db) {
    this.dir = dir;
    this.db = db;
  }

  static TestDatabase start() throws IOException {
    Path dir = Files.createTempDirectory("hermes-it-pg");
    EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("data"), 0);
    Migrations.apply(Migrations.DbUrl.parse(db.url(), null));
    return new TestDatabase(dir, db);
  }

  String url() {
    return db.url();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + db.port() + "/postgres", "postgres", null);
  }

  /** Empties the hub's state; the solvency ledger (sum of provider promises) goes back to 0. */
  void resetState() throws SQLException {
    try (Connection c = connect()) {
      c.createStatement()
          .execute(
              "TRUNCATE consumer_state, provider_state, agreement_state, issued_promise, revealed_r");
      c.createStatement().execute("UPDATE hub_ledger SET promised = 0");
    }
  }

  @Override
  public void close() throws IOException {
    db.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
